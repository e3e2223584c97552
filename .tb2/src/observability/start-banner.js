"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.startBanner = startBanner;
function startBanner(config, url) {
    const places = [];
    if (config.runsApi)
        places.push(['API', `${url}  (POST /create-track, GET /jobs/{job_id})`]);
    places.push(['Docs', `${url}/docs  (OpenAPI document: ${url}/docs-json)`]);
    const width = Math.max(...places.map(([name]) => name.length)) + 2;
    const lines = places.map(([name, where]) => `  ${name.padEnd(width)}${where}`);
    return `\nTrack orchestrator is ready (APP_ROLE=${config.role}).\n\n${lines.join('\n')}\n\n`;
}
//# sourceMappingURL=start-banner.js.map