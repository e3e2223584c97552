import { after, afterEach, before, beforeEach } from 'node:test';
import { ContractStub, ContractStubOptions } from './contract-stub';
import { OrchestratorProcess } from './orchestrator-process';
import { RunningApp, startApp, TestEnv, TestEnvOptions } from './test-env';

/** Anything a test file runs beside the orchestrator: a file server, a proxy, a receiver. */
export interface Helper {
  start(): Promise<void>;
  stop(): Promise<void>;
}

type Variables = Record<string, string>;

export interface StartOptions {
  /** `false`: without the stub's URLs, so the embedded services do the work. */
  stub?: boolean;
}

export interface OrchestratorSetup extends TestEnvOptions {
  /**
   * The contract stub's options (default: the contract's answers); `false` for none, when
   * the embedded services do the work or nothing is called.
   */
  stub?: ContractStubOptions | false;
  /** Started in order before the app, stopped in reverse after it. */
  helpers?: Helper[];
  /**
   * The app's variables over the test environment's and the stub's URLs; a function is
   * called once the helpers run, when their URLs are known.
   */
  env?: Variables | (() => Variables);
  /** Runs once the database and helpers are up, before the app starts (API keys by the CLI). */
  beforeStart?: () => Promise<void>;
  /** `false`: the file starts its apps or processes itself (`startApp`, `startProcess`). */
  app?: boolean;
  /** Clears the stub's call log and hooks before each test. */
  resetStubEachTest?: boolean;
  /** Kills the processes of `startProcess` after each test rather than at the end of the file. */
  processesPerTest?: boolean;
  /** Runs first at the end of the file (release what is held, restore a cut proxy). */
  beforeTeardown?: () => void;
}

export interface Orchestrator {
  readonly env: TestEnv;
  /** The contract stub; its URLs are in every app's environment. */
  readonly stubs: ContractStub;
  /** The app this file runs against (usable from the first test on). */
  readonly app: RunningApp;
  /** Another in-process app on this database and the stub, stopped at the end of the file. */
  startApp(variables?: Variables, options?: StartOptions): Promise<RunningApp>;
  /** The orchestrator as an OS process on this database and the stub. */
  startProcess(
    name: string,
    variables?: Variables,
    options?: StartOptions,
  ): Promise<OrchestratorProcess>;
  /** Kills every process `startProcess` started. */
  stopProcesses(): Promise<void>;
}

/**
 * The setup every e2e file shares, registered as its `before`/`after` hooks: a database
 * of its own (copied from the migrated template), the contract stub, the helpers, and the
 * orchestrator; torn down in reverse at the end of the file.
 */
export function useOrchestrator(setup: OrchestratorSetup = {}): Orchestrator {
  const env = new TestEnv({ schema: setup.schema });
  const stub = setup.stub === false ? undefined : new ContractStub(setup.stub);
  const helpers = setup.helpers ?? [];
  const apps: RunningApp[] = [];
  const processes: OrchestratorProcess[] = [];
  const main = new LateApp();

  const stubVariables = (options: StartOptions) =>
    options.stub === false ? {} : (stub?.env() ?? {});

  const harness: Orchestrator = {
    env,
    get stubs(): ContractStub {
      if (!stub) throw new Error('this file runs without the contract stub (stub: false)');
      return stub;
    },
    app: main,
    async startApp(variables = {}, options = {}) {
      const app = await startApp(env, { ...stubVariables(options), ...variables });
      apps.push(app);
      return app;
    },
    async startProcess(name, variables = {}, options = {}) {
      const proc = await OrchestratorProcess.start(name, {
        ...env.env(),
        ...stubVariables(options),
        ...variables,
      });
      processes.push(proc);
      return proc;
    },
    async stopProcesses() {
      const stopping = processes.splice(0);
      // A crash explains a test that then found jobs stuck: its last words go in the output.
      for (const p of stopping.filter((p) => p.exitedOnItsOwn))
        console.log(`${p.name} exited on its own; its last output:\n${p.lastOutput}`);
      await Promise.all(stopping.map((p) => p.stop()));
    },
  };

  before(async () => {
    await env.setUp();
    await stub?.start();
    for (const helper of helpers) await helper.start();
    await setup.beforeStart?.();
    if (setup.app === false) return;
    const variables = typeof setup.env === 'function' ? setup.env() : (setup.env ?? {});
    main.started = await startApp(env, { ...stubVariables({}), ...variables });
  });

  if (setup.resetStubEachTest) beforeEach(() => stub?.reset());
  if (setup.processesPerTest) afterEach(() => harness.stopProcesses());

  after(async () => {
    setup.beforeTeardown?.();
    await harness.stopProcesses();
    for (const app of apps.splice(0).reverse()) await app.stop();
    await main.started?.stop();
    for (const helper of [...helpers].reverse()) await helper.stop();
    await stub?.stop();
    await env.tearDown();
  });

  return harness;
}

/** The file's app, started by the `before` hook: tests hold it before it exists. */
class LateApp implements RunningApp {
  started?: RunningApp;

  private get running(): RunningApp {
    if (!this.started) throw new Error('the app starts in before(); use it from a test or hook');
    return this.started;
  }

  get app(): RunningApp['app'] {
    return this.running.app;
  }

  get url(): string {
    return this.running.url;
  }

  close(): Promise<void> {
    return this.running.close();
  }

  stop(): Promise<void> {
    return this.running.stop();
  }
}
