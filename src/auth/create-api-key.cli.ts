import { runApiKeyCommand } from './api-key.cli';

/**
 * `npm run apikey:create -- --name NAME [--admin]`, kept for scripts that use it: the same
 * as `npm run apikey -- create --name NAME [--admin]`.
 */
void runApiKeyCommand(['create', ...process.argv.slice(2)]);
