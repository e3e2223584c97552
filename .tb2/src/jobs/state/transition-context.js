"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
//# sourceMappingURL=transition-context.js.map