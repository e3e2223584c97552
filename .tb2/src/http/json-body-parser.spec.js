"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
const strict_1 = __importDefault(require("node:assert/strict"));
const node_test_1 = require("node:test");
const json_body_parser_1 = require("./json-body-parser");
(0, node_test_1.describe)('nestsDeeperThan', () => {
    const nested = (levels) => `${'['.repeat(levels)}${']'.repeat(levels)}`;
    (0, node_test_1.it)('counts objects and arrays alike, up to the limit and no further', () => {
        strict_1.default.equal((0, json_body_parser_1.nestsDeeperThan)(nested(3), 3), false);
        strict_1.default.equal((0, json_body_parser_1.nestsDeeperThan)(nested(4), 3), true);
        strict_1.default.equal((0, json_body_parser_1.nestsDeeperThan)('{"a":{"b":[{"c":1}]}}', 4), false);
        strict_1.default.equal((0, json_body_parser_1.nestsDeeperThan)('{"a":{"b":[{"c":{}}]}}', 4), true);
        strict_1.default.equal((0, json_body_parser_1.nestsDeeperThan)('[[],[],[],[]]', 2), false, 'siblings do not add up');
    });
    (0, node_test_1.it)('ignores brackets inside strings, escaped quotes included', () => {
        strict_1.default.equal((0, json_body_parser_1.nestsDeeperThan)(JSON.stringify({ p: '[[[[{{{{' }), 1), false);
        strict_1.default.equal((0, json_body_parser_1.nestsDeeperThan)(JSON.stringify({ p: 'say \\"[[[[\\" ok' }), 1), false);
        strict_1.default.equal((0, json_body_parser_1.nestsDeeperThan)(JSON.stringify({ p: '"' }) + nested(2), 1), true);
    });
    (0, node_test_1.it)('scans 32,000 levels without recursion', () => {
        strict_1.default.equal((0, json_body_parser_1.nestsDeeperThan)(nested(32_000), 32), true);
    });
});
//# sourceMappingURL=json-body-parser.spec.js.map