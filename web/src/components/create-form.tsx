// The create form: a prompt and an optional reference track; the API's 400 is shown at
// the field it names, and a resubmission of the same form reuses its Idempotency-Key.
import { useRef, useState } from 'preact/hooks';
import { api, newIdempotencyKey, unwrap } from '../api/client';
import { ApiProblem } from '../api/problem';
import { jobPath, navigate } from '../router';

type Priority = 'high' | 'normal' | 'low';

const PROMPT_FIELD = 'prompt';
const REFERENCE_FIELD = 'reference_track_url';

export function CreateForm() {
  const [prompt, setPrompt] = useState('');
  const [reference, setReference] = useState('');
  const [priority, setPriority] = useState<Priority>('normal');
  const [problem, setProblem] = useState<ApiProblem>();
  const [sending, setSending] = useState(false);
  // The key of the last body sent: the same body sent again (a double click, a retry after
  // a lost answer) is the same request, so the server answers with the first job.
  const lastSent = useRef<{ body: string; key: string } | undefined>(undefined);
  const inFlight = useRef(false);

  const submit = async (event: Event) => {
    event.preventDefault();
    if (inFlight.current) return;
    const body = {
      prompt,
      ...(reference.trim() !== '' ? { reference_track_url: reference.trim() } : {}),
      ...(priority !== 'normal' ? { priority } : {}),
    };
    const serialized = JSON.stringify(body);
    if (lastSent.current?.body !== serialized)
      lastSent.current = { body: serialized, key: newIdempotencyKey() };
    inFlight.current = true;
    setSending(true);
    setProblem(undefined);
    try {
      const created = await unwrap(
        api.POST('/create-track', {
          body,
          headers: { 'Idempotency-Key': lastSent.current.key },
        }),
      );
      navigate(jobPath(created.job_id));
    } catch (error) {
      setProblem(error instanceof ApiProblem ? error : undefined);
      setSending(false);
    } finally {
      inFlight.current = false;
    }
  };

  const promptProblem = problem?.forField(PROMPT_FIELD);
  const referenceProblem = problem?.forField(REFERENCE_FIELD);
  const otherProblem = problem && !promptProblem && !referenceProblem ? problem : undefined;

  return (
    <section class="panel" aria-labelledby="create-title">
      <h1 id="create-title">Make a track</h1>
      <form onSubmit={(event) => void submit(event)} noValidate>
        <label for="prompt">Prompt</label>
        <textarea
          id="prompt"
          rows={3}
          maxLength={2000}
          placeholder="A chill lo-fi hip hop beat with a smooth piano melody, 100 bpm."
          value={prompt}
          aria-invalid={promptProblem !== undefined}
          aria-describedby={promptProblem ? 'prompt-problem' : undefined}
          onInput={(event) => setPrompt(event.currentTarget.value)}
        />
        {promptProblem && (
          <p id="prompt-problem" class="field-problem" role="alert">
            {promptProblem}
          </p>
        )}
        <label for="reference">
          Reference track URL <span class="optional">(optional)</span>
        </label>
        <input
          id="reference"
          type="url"
          inputMode="url"
          placeholder="https://example.com/reference.wav"
          value={reference}
          aria-invalid={referenceProblem !== undefined}
          aria-describedby={referenceProblem ? 'reference-problem' : undefined}
          onInput={(event) => setReference(event.currentTarget.value)}
        />
        {referenceProblem && (
          <p id="reference-problem" class="field-problem" role="alert">
            {referenceProblem}
          </p>
        )}
        <label for="priority">
          Priority <span class="optional">(among your own tracks waiting for a service)</span>
        </label>
        <select
          id="priority"
          value={priority}
          onChange={(event) => setPriority(event.currentTarget.value as Priority)}
        >
          <option value="high">High</option>
          <option value="normal">Normal</option>
          <option value="low">Low</option>
        </select>
        {otherProblem && otherProblem.status !== 401 && (
          <p class="problem" role="alert">
            {otherProblem.detail} {otherProblem.advice}
          </p>
        )}
        <button type="submit" disabled={sending}>
          {sending ? 'Sending…' : 'Make track'}
        </button>
      </form>
    </section>
  );
}
