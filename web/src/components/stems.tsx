// Each stem of a finished job: play it, download it, see its size.
import type { Artifact } from '../api/client';
import { formatBytes } from '../format';

export function Stems({ artifacts }: { artifacts: Artifact[] }) {
  const stems = artifacts.filter((a) => a.kind === 'stem');
  const master = artifacts.find((a) => a.kind === 'final');
  return (
    <section aria-labelledby="files-title">
      <h2 id="files-title">Files</h2>
      <ul class="stems">
        {master && (
          <li>
            <span class="stem-name">Master</span>
            <span class="size">{formatBytes(master.size_bytes)}</span>
            <a href={master.url} download={master.name}>
              Download master <span class="visually-hidden">({master.name})</span>
            </a>
          </li>
        )}
        {stems.map((stem) => {
          const name = stem.instrument ?? stem.name;
          return (
            <li key={stem.url}>
              <span class="stem-name">{name}</span>
              <span class="size">{formatBytes(stem.size_bytes)}</span>
              <audio controls preload="none" src={stem.url} aria-label={`Play the ${name} stem`} />
              <a href={stem.url} download={stem.name}>
                Download{' '}
                <span class="visually-hidden">
                  the {name} stem ({stem.name})
                </span>
              </a>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
