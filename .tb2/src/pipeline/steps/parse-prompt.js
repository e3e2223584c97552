"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.parsePrompt = void 0;
const contracts_1 = require("../../clients/contracts");
exports.parsePrompt = {
    name: 'parse_prompt',
    label: 'Parsing Prompt',
    envPrefix: 'PROMPT_PARSER',
    policy: { timeoutMs: 30_000, attempts: 4, baseDelayMs: 10_000 },
    input: (job) => ({ prompt: job.prompt }),
    claimInputSql: `jsonb_build_object('prompt', j.prompt)`,
    service: { name: 'prompt-parser', embeddedPath: '/reference/prompt-parser/parse' },
    run: (request, { service, options }) => service.postJson(request, options),
    validate: contracts_1.parsePromptSpec,
};
//# sourceMappingURL=parse-prompt.js.map