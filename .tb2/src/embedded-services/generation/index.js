"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.STEM_SAMPLE_RATE = exports.seedOf = exports.renderStem = exports.TAIL_SECONDS = exports.compose = void 0;
var compose_1 = require("./compose");
Object.defineProperty(exports, "compose", { enumerable: true, get: function () { return compose_1.compose; } });
Object.defineProperty(exports, "TAIL_SECONDS", { enumerable: true, get: function () { return compose_1.TAIL_SECONDS; } });
var render_stem_1 = require("./render-stem");
Object.defineProperty(exports, "renderStem", { enumerable: true, get: function () { return render_stem_1.renderStem; } });
var random_1 = require("./random");
Object.defineProperty(exports, "seedOf", { enumerable: true, get: function () { return random_1.seedOf; } });
var dsp_1 = require("./dsp");
Object.defineProperty(exports, "STEM_SAMPLE_RATE", { enumerable: true, get: function () { return dsp_1.SAMPLE_RATE; } });
//# sourceMappingURL=index.js.map