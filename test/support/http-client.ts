/** Small helpers over global fetch for talking to the orchestrator under test. */

export interface JsonResponse<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  body: T;
}

export async function requestJson<T = Record<string, unknown>>(
  url: string,
  init: RequestInit = {},
): Promise<JsonResponse<T>> {
  const res = await fetch(url, init);
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // Not JSON; keep the text for the assertion message.
  }
  return { status: res.status, headers: res.headers, body: body as T };
}

export function postJson<T = Record<string, unknown>>(
  url: string,
  payload: unknown,
  headers: Record<string, string> = {},
): Promise<JsonResponse<T>> {
  return requestJson<T>(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(payload),
  });
}

export interface JobView {
  job_id: string;
  status: string;
  result: Record<string, string> | null;
  error: { step: string | null; message: string } | null;
  steps: {
    name: string;
    status: string;
    attempts: number;
    duration_ms: number | null;
    attempt_log: { outcome: string }[];
  }[];
  [key: string]: unknown;
}

const TERMINAL = new Set(['SUCCESS', 'FAILURE', 'CANCELLED']);

/** Polls a job until it is terminal (or `until` holds), failing after `timeoutMs`. */
export async function waitForJob(
  baseUrl: string,
  jobId: string,
  until: (job: JobView) => boolean = (job) => TERMINAL.has(job.status),
  timeoutMs = 30_000,
): Promise<JobView> {
  const deadline = Date.now() + timeoutMs;
  let last: JobView | undefined;
  while (Date.now() < deadline) {
    const res = await requestJson<JobView>(`${baseUrl}/jobs/${jobId}`);
    if (res.status === 200) {
      last = res.body;
      if (until(last)) return last;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(
    `job ${jobId} did not reach the expected state in ${timeoutMs} ms; last: ${JSON.stringify(last)}`,
  );
}
