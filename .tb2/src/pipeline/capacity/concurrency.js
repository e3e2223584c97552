"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
//# sourceMappingURL=concurrency.js.map