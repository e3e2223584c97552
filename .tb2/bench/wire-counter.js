"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.startRedisCounter = exports.startPgCounter = void 0;
const index_1 = __importDefault(require("bull/lib/scripts/index"));
const node_crypto_1 = require("node:crypto");
const node_net_1 = require("node:net");
async function startProxy(target, newParser) {
    let by = new Map();
    let total = 0;
    const count = (key) => {
        total++;
        by.set(key, (by.get(key) ?? 0) + 1);
    };
    const sockets = new Set();
    const server = (0, node_net_1.createServer)((client) => {
        const upstream = (0, node_net_1.connect)(target.port, target.host);
        const parse = newParser();
        for (const s of [client, upstream]) {
            s.setNoDelay(true);
            sockets.add(s);
            s.on('close', () => sockets.delete(s));
        }
        client.on('data', (chunk) => {
            parse(chunk, count);
            if (!upstream.write(chunk))
                client.pause();
        });
        upstream.on('drain', () => client.resume());
        upstream.pipe(client);
        client.on('error', () => upstream.destroy());
        upstream.on('error', () => client.destroy());
        client.on('close', () => upstream.end());
        upstream.on('close', () => client.end());
    });
    await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
    return {
        port: server.address().port,
        snapshot: () => ({ total, by: Object.fromEntries(by) }),
        reset: () => {
            total = 0;
            by = new Map();
        },
        close: () => new Promise((resolve) => {
            for (const s of sockets)
                s.destroy();
            server.close(() => resolve());
        }),
    };
}
function sqlKey(text) {
    const flat = text.replace(/\s+/g, ' ').trim();
    return flat.length > 160 ? `${flat.slice(0, 157)}...` : flat;
}
const cstring = (buf, at) => {
    const end = buf.indexOf(0, at);
    return [buf.toString('utf8', at, end), end + 1];
};
function pgParser() {
    let pending = Buffer.alloc(0);
    let startup = true;
    const statements = new Map();
    const portals = new Map();
    return (chunk, count) => {
        pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
        let at = 0;
        for (;;) {
            if (startup) {
                if (pending.length - at < 8)
                    break;
                const len = pending.readInt32BE(at);
                if (pending.length - at < len)
                    break;
                const code = pending.readInt32BE(at + 4);
                at += len;
                if (code !== 80877103 && code !== 80877104)
                    startup = false;
                continue;
            }
            if (pending.length - at < 5)
                break;
            const type = String.fromCharCode(pending[at]);
            const len = pending.readInt32BE(at + 1);
            if (pending.length - at < 1 + len)
                break;
            const body = at + 5;
            if (type === 'Q')
                count(sqlKey(cstring(pending, body)[0]));
            else if (type === 'P') {
                const [name, next] = cstring(pending, body);
                statements.set(name, cstring(pending, next)[0]);
            }
            else if (type === 'B') {
                const [portal, next] = cstring(pending, body);
                portals.set(portal, cstring(pending, next)[0]);
            }
            else if (type === 'E') {
                const portal = cstring(pending, body)[0];
                count(sqlKey(statements.get(portals.get(portal) ?? '') ?? '(unknown statement)'));
            }
            at += 1 + len;
        }
        pending = at >= pending.length ? Buffer.alloc(0) : pending.subarray(at);
    };
}
const SCRIPT_NAMES = new Map(Object.values(index_1.default).map((s) => [
    (0, node_crypto_1.createHash)('sha1').update(s.content).digest('hex'),
    s.name,
]));
function redisKey(args) {
    const name = (args[0] ?? '').toUpperCase();
    if (name === 'EVALSHA')
        return `EVALSHA ${SCRIPT_NAMES.get(args[1]) ?? args[1]?.slice(0, 8)}`;
    if (name === 'EVAL') {
        const sha = (0, node_crypto_1.createHash)('sha1')
            .update(args[1] ?? '')
            .digest('hex');
        return `EVAL ${SCRIPT_NAMES.get(sha) ?? 'script'}`;
    }
    return name;
}
function redisParser() {
    let pending = Buffer.alloc(0);
    return (chunk, count) => {
        pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
        let at = 0;
        for (;;) {
            const parsed = parseCommand(pending, at);
            if (!parsed)
                break;
            count(redisKey(parsed.args));
            at = parsed.end;
        }
        pending = at >= pending.length ? Buffer.alloc(0) : pending.subarray(at);
    };
}
function parseCommand(buf, start) {
    const line = (at) => {
        const end = buf.indexOf('\r\n', at);
        return end < 0 ? undefined : [buf.toString('latin1', at, end), end + 2];
    };
    if (start >= buf.length)
        return undefined;
    const head = line(start);
    if (!head)
        return undefined;
    if (buf[start] !== 0x2a)
        return { args: head[0].split(' '), end: head[1] };
    const n = Number(head[0].slice(1));
    let at = head[1];
    const args = [];
    for (let k = 0; k < n; k++) {
        const size = line(at);
        if (!size)
            return undefined;
        const len = Number(size[0].slice(1));
        if (size[1] + len + 2 > buf.length)
            return undefined;
        if (k < 2)
            args.push(buf.toString(k === 0 ? 'latin1' : 'utf8', size[1], size[1] + len));
        at = size[1] + len + 2;
    }
    return { args, end: at };
}
const startPgCounter = (target) => startProxy(target, pgParser);
exports.startPgCounter = startPgCounter;
const startRedisCounter = (target) => startProxy(target, redisParser);
exports.startRedisCounter = startRedisCounter;
//# sourceMappingURL=wire-counter.js.map