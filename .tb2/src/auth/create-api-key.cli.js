"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const api_key_cli_1 = require("./api-key.cli");
void (0, api_key_cli_1.runApiKeyCommand)(['create', ...process.argv.slice(2)]);
//# sourceMappingURL=create-api-key.cli.js.map