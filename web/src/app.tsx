// The studio's frame: header, the key prompt when the server wants one, and the page.
import { useEffect, useState } from 'preact/hooks';
import { onUnauthorized } from './api/client';
import type { ApiProblem } from './api/problem';
import { storedKey, storeKey } from './api/settings';
import { CreateForm } from './components/create-form';
import { History } from './components/history';
import { JobPage } from './components/job-page';
import { KeyPrompt } from './components/key-prompt';
import { BASE, followLink, useRoute } from './router';

export function App() {
  const route = useRoute();
  const [refusal, setRefusal] = useState<ApiProblem>();
  // Bumped when the key changes, so every part of the page reads the server again.
  const [authVersion, setAuthVersion] = useState(0);

  useEffect(() => onUnauthorized(setRefusal), []);

  const useKey = (key: string | undefined) => {
    storeKey(key);
    setRefusal(undefined);
    setAuthVersion((v) => v + 1);
  };

  return (
    <>
      <a class="skip" href="#main">
        Skip to content
      </a>
      <header class="top">
        <a class="brand" href={BASE} onClick={followLink}>
          Track studio
        </a>
        {storedKey() !== undefined && refusal === undefined && (
          <button type="button" class="link" onClick={() => useKey(undefined)}>
            Forget key
          </button>
        )}
      </header>
      <main id="main">
        {refusal && (
          <KeyPrompt refusal={refusal} hadKey={storedKey() !== undefined} onKey={useKey} />
        )}
        {route.page === 'home' && (
          <div key={authVersion}>
            <CreateForm />
            <History />
          </div>
        )}
        {route.page === 'job' && <JobPage jobId={route.jobId} authVersion={authVersion} />}
        {route.page === 'missing' && (
          <section>
            <h1>Page not found</h1>
            <p>
              <a href={BASE} onClick={followLink}>
                Make a track
              </a>
            </p>
          </section>
        )}
      </main>
    </>
  );
}
