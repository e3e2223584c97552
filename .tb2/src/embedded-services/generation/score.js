"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
//# sourceMappingURL=score.js.map