import { parsePromptSpec, PromptSpec } from '../../clients/contracts';
import type { ClaimStart, ServiceStep } from './step-definition';

export interface ParsePromptRequest {
  prompt: string;
}

/** Turns the user's prompt into tempo, key, genre, instruments and mood. */
export const parsePrompt: ServiceStep<'parse_prompt', ParsePromptRequest, PromptSpec> &
  ClaimStart<ParsePromptRequest> = {
  name: 'parse_prompt',
  label: 'Parsing Prompt',
  envPrefix: 'PROMPT_PARSER',
  policy: { timeoutMs: 30_000, attempts: 4, baseDelayMs: 10_000 },
  input: (job) => ({ prompt: job.prompt }),
  claimInputSql: `jsonb_build_object('prompt', j.prompt)`,
  service: { name: 'prompt-parser', embeddedPath: '/reference/prompt-parser/parse' },
  run: (request, { service, options }) => service.postJson(request, options),
  validate: parsePromptSpec,
};
