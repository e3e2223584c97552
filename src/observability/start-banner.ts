import type { AppConfig } from '../config/app-config';

/**
 * The last thing a terminal shows at start: that the orchestrator is ready, and where a
 * person goes next. Not a log line: JSON logs carry the same addresses in "Listening on".
 */
export function startBanner(config: AppConfig, url: string): string {
  const places: [string, string][] = [];
  if (config.runsApi) places.push(['API', `${url}  (POST /create-track, GET /jobs/{job_id})`]);
  places.push(['Docs', `${url}/docs  (OpenAPI document: ${url}/docs-json)`]);
  const width = Math.max(...places.map(([name]) => name.length)) + 2;
  const lines = places.map(([name, where]) => `  ${name.padEnd(width)}${where}`);
  return `\nTrack orchestrator is ready (APP_ROLE=${config.role}).\n\n${lines.join('\n')}\n\n`;
}
