"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.CpuWindow = void 0;
exports.cpuSeconds = cpuSeconds;
exports.rssMb = rssMb;
const node_fs_1 = require("node:fs");
const node_os_1 = require("node:os");
const stats_1 = require("./stats");
const TICKS_PER_SECOND = 100;
const NCPU = (0, node_os_1.cpus)().length;
function cpuSeconds(pid) {
    try {
        const stat = (0, node_fs_1.readFileSync)(`/proc/${pid}/stat`, 'utf8');
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
    }
    catch {
        return NaN;
    }
}
function rssMb(pid) {
    try {
        const status = (0, node_fs_1.readFileSync)(`/proc/${pid}/status`, 'utf8');
        const kb = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
        return kb ? Number(kb[1]) / 1024 : NaN;
    }
    catch {
        return NaN;
    }
}
function machineTicks() {
    try {
        const v = (0, node_fs_1.readFileSync)('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1);
        const n = v.map(Number);
        return {
            busy: n[0] + n[1] + n[2] + n[5] + n[6],
            steal: n[7] || 0,
            total: n.slice(0, 8).reduce((a, b) => a + b, 0),
        };
    }
    catch {
        return { busy: NaN, total: NaN, steal: NaN };
    }
}
class CpuWindow {
    sources;
    start;
    machine;
    self;
    t0;
    constructor(sources, start, machine, self, t0) {
        this.sources = sources;
        this.start = start;
        this.machine = machine;
        this.self = self;
        this.t0 = t0;
    }
    static async open(sources) {
        const start = new Map();
        for (const [name, source] of Object.entries(sources)) {
            start.set(name, new Map((await source()).map((pid) => [pid, cpuSeconds(pid)])));
        }
        return new CpuWindow(sources, start, machineTicks(), process.cpuUsage(), (0, stats_1.nowMs)());
    }
    async close(ops) {
        const machine = machineTicks();
        const wallS = ((0, stats_1.nowMs)() - this.t0) / 1000;
        const dTotal = machine.total - this.machine.total;
        const util = dTotal > 0 ? (machine.busy - this.machine.busy) / dTotal : NaN;
        const self = process.cpuUsage(this.self);
        const out = {
            wall_s: wallS,
            machine_util: util,
            steal: dTotal > 0 ? (machine.steal - this.machine.steal) / dTotal : NaN,
            machine_us_per_op: (util * NCPU * wallS * 1e6) / ops,
        };
        const groups = { bench: (self.user + self.system) / 1e6 };
        for (const [name, source] of Object.entries(this.sources)) {
            const before = this.start.get(name) ?? new Map();
            const pids = new Set([...before.keys(), ...(await source())]);
            let seconds = 0;
            for (const pid of pids) {
                const end = cpuSeconds(pid);
                if (Number.isFinite(end))
                    seconds += end - (before.get(pid) ?? 0);
            }
            groups[name] = seconds;
        }
        for (const [name, seconds] of Object.entries(groups)) {
            out[`${name}_util`] = seconds / wallS;
            out[`${name}_us_per_op`] = (seconds * 1e6) / ops;
        }
        return out;
    }
}
exports.CpuWindow = CpuWindow;
//# sourceMappingURL=procstat.js.map