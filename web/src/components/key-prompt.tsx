// Asks for an API key when the server refuses the page without one (or with a wrong one).
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ApiProblem } from '../api/problem';
import { apiBaseUrl } from '../api/settings';

interface Props {
  refusal: ApiProblem;
  hadKey: boolean;
  onKey: (key: string) => void;
}

export function KeyPrompt({ refusal, hadKey, onKey }: Props) {
  const [key, setKey] = useState('');
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => input.current?.focus(), [refusal]);

  return (
    <section class="panel key-prompt" aria-labelledby="key-title">
      <h2 id="key-title">{hadKey ? 'This API key was refused' : 'This server needs an API key'}</h2>
      <p role="alert">
        {refusal.detail} {refusal.advice}
      </p>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (key.trim() !== '') onKey(key.trim());
        }}
      >
        <label for="api-key">API key for {apiBaseUrl()}</label>
        <div class="row">
          <input
            ref={input}
            id="api-key"
            type="password"
            autocomplete="off"
            spellcheck={false}
            required
            value={key}
            onInput={(event) => setKey(event.currentTarget.value)}
          />
          <button type="submit">Use this key</button>
        </div>
        <p class="hint">Kept for this tab only, and sent in a header with each request.</p>
      </form>
    </section>
  );
}
