import { Command, CommanderError, Option } from 'commander';
import {
  cancelJob,
  CreateOptions,
  FollowOptions,
  ListOptions,
  createTrack,
  deleteJob,
  listJobs,
  retryJob,
  showStatus,
} from './track-commands';
import { CliError, TrackClient } from './track-client';

/**
 * `track`: make tracks from the terminal (`npx track ...` from the checkout; the package's
 * bin). Each command is one API call, or a create or retry followed to its end.
 * Exit codes: 0 done, 1 the job failed or the server refused, 2 a usage error, 130 Ctrl-C.
 */
const DEFAULT_URL = 'http://127.0.0.1:3000';

function program(): Command {
  const track = new Command('track')
    .description('Make tracks with the orchestrator from the command line')
    .addOption(new Option('--url <url>', 'the orchestrator').env('TRACK_URL').default(DEFAULT_URL))
    .addOption(new Option('--key <key>', 'API key (sent as X-API-Key)').env('TRACK_API_KEY'))
    .showHelpAfterError()
    .exitOverride();
  const client = (command: Command) => {
    const { url, key } = command.optsWithGlobals<{ url: string; key?: string }>();
    return new TrackClient({ url, key });
  };
  const follows = (command: Command) =>
    command
      .option('--wait', 'follow the job to its end, one progress bar per step')
      .option('--out <file>', 'save the master there when it succeeds (implies --wait)')
      .option('--cancel-on-interrupt', 'Ctrl-C cancels the job without asking');

  follows(
    track
      .command('create')
      .description('queue a track; prints its id, or follows it with --wait / --out')
      .argument('<prompt>', 'what the track should be')
      .option('--reference <url>', 'a reference track to take tempo, key and sections from')
      .addOption(
        new Option('--priority <priority>', 'place in the line').choices(['high', 'normal', 'low']),
      ),
  ).action(async (prompt: string, options: CreateOptions, command: Command) =>
    done(await createTrack(client(command), prompt, options)),
  );
  track
    .command('status')
    .description('a job and its steps')
    .argument('<id>', 'job id')
    .option('--json', 'the job as the API answers it')
    .action(async (id: string, options: { json?: boolean }, command: Command) =>
      done(await showStatus(client(command), id, options.json === true)),
    );
  track
    .command('ls')
    .description('jobs, newest first')
    .option('--status <status>', 'only these statuses (comma-separated)')
    .option('--search <text>', 'only prompts containing this text')
    .option('--limit <n>', 'jobs per page (1-100)', '20')
    .option('--cursor <cursor>', 'the next page, as printed after a full page')
    .option('--json', 'the page as the API answers it')
    .action(async (options: ListOptions, command: Command) =>
      done(await listJobs(client(command), options)),
    );
  track
    .command('cancel')
    .description('cancel a waiting or running job')
    .argument('<id>', 'job id')
    .action(async (id: string, _options, command: Command) =>
      done(await cancelJob(client(command), id)),
    );
  follows(
    track
      .command('retry')
      .description('run a failed or cancelled job again from its first unfinished step')
      .argument('<id>', 'job id'),
  ).action(async (id: string, options: FollowOptions, command: Command) =>
    done(await retryJob(client(command), id, options)),
  );
  track
    .command('delete')
    .description('delete a finished job with its files')
    .argument('<id>', 'job id')
    .action(async (id: string, _options, command: Command) =>
      done(await deleteJob(client(command), id)),
    );
  return track;
}

/** Ends the process with `code` once the output is written. */
function done(code: number): void {
  process.exitCode = code;
  // Timers and sockets of a followed job may linger: the answer is given, so leave now.
  process.stdout.write('', () => process.exit(code));
}

async function main(argv: string[]): Promise<void> {
  try {
    await program().parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version exit 0; a usage error 2 (its message is printed already).
      return done(error.exitCode === 0 ? 0 : 2);
    }
    process.stderr.write(`track: ${(error as Error).message}\n`);
    done(error instanceof CliError ? error.exitCode : 1);
  }
}

void main(process.argv);
