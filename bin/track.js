#!/usr/bin/env node
'use strict';
// `npx track ...`: the orchestrator's command line (src/cli/). It runs the compiled CLI from
// dist/, compiling it first when dist/ is missing or older than the sources, as `npm start`
// does (scripts/build-changed.sh: a few milliseconds when nothing changed).
const { spawnSync } = require('node:child_process');
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');
const entry = join(root, 'dist', 'src', 'cli', 'track.cli.js');
if (!existsSync(entry)) process.stderr.write('track: compiling the project (first run; once)...\n');
// The compiler's output goes to stderr: stdout is the command's own.
const build = spawnSync('bash', [join(root, 'scripts', 'build-changed.sh')], {
  cwd: root,
  stdio: ['ignore', 2, 2],
});
if (build.status !== 0 || !existsSync(entry)) {
  process.stderr.write(
    'track: could not compile the command line; run "npm run build" and try again\n',
  );
  process.exit(1);
}
require(entry);
