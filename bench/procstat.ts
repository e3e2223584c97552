import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { nowMs } from './stats';

/** USER_HZ on Linux: /proc/<pid>/stat counts CPU time in these ticks. */
const TICKS_PER_SECOND = 100;
const NCPU = cpus().length;

/** CPU time (user + system) a process has used so far, in seconds; NaN once it is gone. */
export function cpuSeconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return NaN;
  }
}

/** Resident set size of a process in MB (VmRSS), NaN once it is gone. */
export function rssMb(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
    return kb ? Number(kb[1]) / 1024 : NaN;
  } catch {
    return NaN;
  }
}

interface MachineTicks {
  busy: number;
  total: number;
  steal: number;
}

/** Whole-machine ticks from /proc/stat: busy = user+nice+system+irq+softirq, as the kit counts. */
function machineTicks(): MachineTicks {
  try {
    const v = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1);
    const n = v.map(Number);
    return {
      busy: n[0] + n[1] + n[2] + n[5] + n[6],
      steal: n[7] || 0,
      total: n.slice(0, 8).reduce((a, b) => a + b, 0),
    };
  } catch {
    return { busy: NaN, total: NaN, steal: NaN };
  }
}

/** The processes a CPU window watches, by name; a source may be asked again at the end. */
export type PidSource = () => number[] | Promise<number[]>;

/**
 * CPU accounting over a measured interval: machine busy share, this process, and each
 * named group of processes. A process that appears during the window counts from zero.
 */
export class CpuWindow {
  private constructor(
    private readonly sources: Record<string, PidSource>,
    private readonly start: Map<string, Map<number, number>>,
    private readonly machine: MachineTicks,
    private readonly self: NodeJS.CpuUsage,
    private readonly t0: number,
  ) {}

  static async open(sources: Record<string, PidSource>): Promise<CpuWindow> {
    const start = new Map<string, Map<number, number>>();
    for (const [name, source] of Object.entries(sources)) {
      start.set(name, new Map((await source()).map((pid) => [pid, cpuSeconds(pid)])));
    }
    return new CpuWindow(sources, start, machineTicks(), process.cpuUsage(), nowMs());
  }

  /**
   * Closes the window for `ops` operations. Figures: `wall_s`, `machine_util` (busy share of
   * all cores), `machine_us_per_op` (busy core-microseconds per op), `steal`, and for this
   * process (`bench`) and every named group `<name>_util` (cores) and `<name>_us_per_op`.
   */
  async close(ops: number): Promise<Record<string, number>> {
    const machine = machineTicks();
    const wallS = (nowMs() - this.t0) / 1000;
    const dTotal = machine.total - this.machine.total;
    const util = dTotal > 0 ? (machine.busy - this.machine.busy) / dTotal : NaN;
    const self = process.cpuUsage(this.self);
    const out: Record<string, number> = {
      wall_s: wallS,
      machine_util: util,
      steal: dTotal > 0 ? (machine.steal - this.machine.steal) / dTotal : NaN,
      machine_us_per_op: (util * NCPU * wallS * 1e6) / ops,
    };
    const groups: Record<string, number> = { bench: (self.user + self.system) / 1e6 };
    for (const [name, source] of Object.entries(this.sources)) {
      const before = this.start.get(name) ?? new Map<number, number>();
      const pids = new Set([...before.keys(), ...(await source())]);
      let seconds = 0;
      for (const pid of pids) {
        const end = cpuSeconds(pid);
        if (Number.isFinite(end)) seconds += end - (before.get(pid) ?? 0);
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
