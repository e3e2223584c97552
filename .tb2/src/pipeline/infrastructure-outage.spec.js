"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
const strict_1 = __importDefault(require("node:assert/strict"));
const node_test_1 = require("node:test");
const infrastructure_outage_1 = require("./infrastructure-outage");
const withCode = (message, code) => Object.assign(new Error(message), { code });
(0, node_test_1.describe)('isInfrastructureOutage', () => {
    (0, node_test_1.it)('knows PostgreSQL and Redis out of reach, also wrapped', () => {
        const outages = [
            withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED'),
            withCode('terminating connection due to administrator command', '57P01'),
            withCode('the database system is starting up', '57P03'),
            withCode('connection failure', '08006'),
            withCode('sorry, too many clients already', '53300'),
            new Error('Connection terminated unexpectedly'),
            new Error('timeout exceeded when trying to connect'),
            new Error('Cannot use a pool after calling end on the pool'),
            new Error('Connection is closed.'),
            Object.assign(new Error('Reached the max retries per request limit (which is 20).'), {
                name: 'MaxRetriesPerRequestError',
            }),
            new Error('LOADING Redis is loading the dataset in memory'),
            Object.assign(new Error('query failed'), {
                driverError: withCode('terminating connection', '57P01'),
            }),
            new Error('fetch failed', { cause: withCode('read ECONNRESET', 'ECONNRESET') }),
        ];
        for (const error of outages)
            strict_1.default.ok((0, infrastructure_outage_1.isInfrastructureOutage)(error), error.message);
    });
    (0, node_test_1.it)('leaves the job’s own errors to its budget', () => {
        const own = [
            withCode('unsupported Unicode escape sequence', '22P05'),
            withCode('duplicate key value violates unique constraint', '23505'),
            new TypeError("Cannot read properties of undefined (reading 'stems')"),
            new URIError('URI malformed'),
            new Error('output of parse_prompt is missing'),
            'a string thrown',
            undefined,
        ];
        for (const error of own)
            strict_1.default.ok(!(0, infrastructure_outage_1.isInfrastructureOutage)(error), String(error));
    });
});
//# sourceMappingURL=infrastructure-outage.spec.js.map