/** Every `job_events.type`: what SSE streams and what a webhook can subscribe to. */
export const JOB_EVENT_TYPES = [
  'job.status',
  'step.queued',
  'step.started',
  'step.succeeded',
  'step.retrying',
  'step.failed',
  'cancel.requested',
  'quality.checked',
] as const;

const KNOWN = new Set<string>(JOB_EVENT_TYPES);

/** The entries of `types` that are not event types (non-strings included, as JSON). */
export function unknownEventTypes(types: readonly unknown[]): string[] {
  return types
    .filter((type) => typeof type !== 'string' || !KNOWN.has(type))
    .map((type) => (typeof type === 'string' ? type : JSON.stringify(type)));
}

/**
 * What is wrong with a `webhook_events` value, or undefined when it is a non-empty list of
 * known types. The message names the field and every unknown type.
 */
export function webhookEventsProblem(value: unknown): string | undefined {
  if (!Array.isArray(value)) return 'webhook_events must be an array of event types';
  if (value.length === 0) {
    return 'webhook_events must list at least one event type (omit it to receive every type)';
  }
  const unknown = unknownEventTypes(value);
  if (unknown.length > 0) {
    return `webhook_events has unknown event type${unknown.length > 1 ? 's' : ''} ${unknown
      .map((type) => `"${type}"`)
      .join(', ')}; known types: ${JOB_EVENT_TYPES.join(', ')}`;
  }
  return undefined;
}
