/**
 * How many calls at once a service takes (`{envPrefix}_CONCURRENCY`): `unlimited` (0)
 * skips the line altogether, `fixed` is a configured limit (and ceiling of what the line
 * learns), `adaptive` (unset) learns the service's capacity from its answers.
 */
export type Concurrency =
  { kind: 'unlimited' } | { kind: 'fixed'; limit: number } | { kind: 'adaptive' };
