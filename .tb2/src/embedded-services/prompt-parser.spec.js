"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
const strict_1 = __importDefault(require("node:assert/strict"));
const node_test_1 = require("node:test");
const prompt_parser_1 = require("./prompt-parser");
(0, node_test_1.describe)('prompt parser keys', () => {
    const cases = [
        ['a sad ballad in A minor', 'A minor'],
        ['A major chord progression for a pop song', 'A major'],
        ['house track in the key of F#', 'F# major'],
        ['something in the key of a, 120 bpm', 'A major'],
        ['trap beat in C#m with 808s', 'C# minor'],
        ['moody piano loop in Am', 'A minor'],
        ['jazz in Eb, brushed drums', 'Eb major'],
        ['folk song in g minor', 'G minor'],
        ['cinematic strings in B flat minor', 'Bb minor'],
        ['ambient pad in F sharp', 'F# major'],
        ['beat in a rainy mood', null],
        ['a lo-fi beat', null],
        ['a minor change to a lo-fi beat', null],
        ['a flat, dusty beat with a sharp snare', null],
        ['FM synth bass at -6 db, I am happy', null],
        ['A sharp synth lead over a beat', null],
        ['a minimal techno groove', null],
    ];
    for (const [prompt, key] of cases) {
        (0, node_test_1.it)(`reads ${key ?? 'no key'} from "${prompt}"`, () => {
            strict_1.default.equal((0, prompt_parser_1.parsePrompt)(prompt).key, key);
        });
    }
});
//# sourceMappingURL=prompt-parser.spec.js.map