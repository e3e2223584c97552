const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether `value` can be a job id (a UUID): anything else is answered 404 without a query. */
export function isJobId(value: string): boolean {
  return UUID.test(value);
}
