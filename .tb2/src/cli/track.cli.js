"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const commander_1 = require("commander");
const track_commands_1 = require("./track-commands");
const track_client_1 = require("./track-client");
const DEFAULT_URL = 'http://127.0.0.1:3000';
function program() {
    const track = new commander_1.Command('track')
        .description('Make tracks with the orchestrator from the command line')
        .addOption(new commander_1.Option('--url <url>', 'the orchestrator').env('TRACK_URL').default(DEFAULT_URL))
        .addOption(new commander_1.Option('--key <key>', 'API key (sent as X-API-Key)').env('TRACK_API_KEY'))
        .showHelpAfterError()
        .exitOverride();
    const client = (command) => {
        const { url, key } = command.optsWithGlobals();
        return new track_client_1.TrackClient({ url, key });
    };
    const follows = (command) => command
        .option('--wait', 'follow the job to its end, one progress bar per step')
        .option('--out <file>', 'save the master there when it succeeds (implies --wait)')
        .option('--cancel-on-interrupt', 'Ctrl-C cancels the job without asking');
    follows(track
        .command('create')
        .description('queue a track; prints its id, or follows it with --wait / --out')
        .argument('<prompt>', 'what the track should be')
        .option('--reference <url>', 'a reference track to take tempo, key and sections from')
        .addOption(new commander_1.Option('--priority <priority>', 'place in the line').choices(['high', 'normal', 'low']))).action(async (prompt, options, command) => done(await (0, track_commands_1.createTrack)(client(command), prompt, options)));
    track
        .command('status')
        .description('a job and its steps')
        .argument('<id>', 'job id')
        .option('--json', 'the job as the API answers it')
        .action(async (id, options, command) => done(await (0, track_commands_1.showStatus)(client(command), id, options.json === true)));
    track
        .command('ls')
        .description('jobs, newest first')
        .option('--status <status>', 'only these statuses (comma-separated)')
        .option('--search <text>', 'only prompts containing this text')
        .option('--limit <n>', 'jobs per page (1-100)', '20')
        .option('--cursor <cursor>', 'the next page, as printed after a full page')
        .option('--json', 'the page as the API answers it')
        .action(async (options, command) => done(await (0, track_commands_1.listJobs)(client(command), options)));
    track
        .command('cancel')
        .description('cancel a waiting or running job')
        .argument('<id>', 'job id')
        .action(async (id, _options, command) => done(await (0, track_commands_1.cancelJob)(client(command), id)));
    follows(track
        .command('retry')
        .description('run a failed or cancelled job again from its first unfinished step')
        .argument('<id>', 'job id')).action(async (id, options, command) => done(await (0, track_commands_1.retryJob)(client(command), id, options)));
    track
        .command('delete')
        .description('delete a finished job with its files')
        .argument('<id>', 'job id')
        .action(async (id, _options, command) => done(await (0, track_commands_1.deleteJob)(client(command), id)));
    return track;
}
function done(code) {
    process.exitCode = code;
    process.stdout.write('', () => process.exit(code));
}
async function main(argv) {
    try {
        await program().parseAsync(argv);
    }
    catch (error) {
        if (error instanceof commander_1.CommanderError) {
            return done(error.exitCode === 0 ? 0 : 2);
        }
        process.stderr.write(`track: ${error.message}\n`);
        done(error instanceof track_client_1.CliError ? error.exitCode : 1);
    }
}
void main(process.argv);
//# sourceMappingURL=track.cli.js.map