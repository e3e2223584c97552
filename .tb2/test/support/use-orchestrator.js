"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.useOrchestrator = useOrchestrator;
const node_test_1 = require("node:test");
const contract_stub_1 = require("./contract-stub");
const orchestrator_process_1 = require("./orchestrator-process");
const test_env_1 = require("./test-env");
function useOrchestrator(setup = {}) {
    const env = new test_env_1.TestEnv({ schema: setup.schema });
    const stub = setup.stub === false ? undefined : new contract_stub_1.ContractStub(setup.stub);
    const helpers = setup.helpers ?? [];
    const apps = [];
    const processes = [];
    const main = new LateApp();
    const stubVariables = (options) => options.stub === false ? {} : (stub?.env() ?? {});
    const harness = {
        env,
        get stubs() {
            if (!stub)
                throw new Error('this file runs without the contract stub (stub: false)');
            return stub;
        },
        app: main,
        async startApp(variables = {}, options = {}) {
            const app = await (0, test_env_1.startApp)(env, { ...stubVariables(options), ...variables });
            apps.push(app);
            return app;
        },
        async startProcess(name, variables = {}, options = {}) {
            const proc = await orchestrator_process_1.OrchestratorProcess.start(name, {
                ...env.env(),
                ...stubVariables(options),
                ...variables,
            });
            processes.push(proc);
            return proc;
        },
        async stopProcesses() {
            await Promise.all(processes.splice(0).map((p) => p.stop()));
        },
    };
    (0, node_test_1.before)(async () => {
        await env.setUp();
        await stub?.start();
        for (const helper of helpers)
            await helper.start();
        await setup.beforeStart?.();
        if (setup.app === false)
            return;
        const variables = typeof setup.env === 'function' ? setup.env() : (setup.env ?? {});
        main.started = await (0, test_env_1.startApp)(env, { ...stubVariables({}), ...variables });
    });
    if (setup.resetStubEachTest)
        (0, node_test_1.beforeEach)(() => stub?.reset());
    if (setup.processesPerTest)
        (0, node_test_1.afterEach)(() => harness.stopProcesses());
    (0, node_test_1.after)(async () => {
        setup.beforeTeardown?.();
        await harness.stopProcesses();
        for (const app of apps.splice(0).reverse())
            await app.stop();
        await main.started?.stop();
        for (const helper of [...helpers].reverse())
            await helper.stop();
        await stub?.stop();
        await env.tearDown();
    });
    return harness;
}
class LateApp {
    started;
    get running() {
        if (!this.started)
            throw new Error('the app starts in before(); use it from a test or hook');
        return this.started;
    }
    get app() {
        return this.running.app;
    }
    get url() {
        return this.running.url;
    }
    close() {
        return this.running.close();
    }
    stop() {
        return this.running.stop();
    }
}
//# sourceMappingURL=use-orchestrator.js.map