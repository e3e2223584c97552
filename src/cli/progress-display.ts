import { MultiBar, Presets, SingleBar } from 'cli-progress';
import type { StepLine } from './step-lines';

/** Where the progress of a job goes: bars on a terminal, plain lines elsewhere. */
export interface ProgressDisplay {
  /** Shows the steps as they are now (called on every change, and on a terminal every tick). */
  render(lines: readonly StepLine[]): void;
  /** A line of its own (job created, finished, reconnecting). */
  note(text: string): void;
  /** Leaves the output as it is, the cursor below it. */
  stop(): void;
  /** Whether render() should be called on a timer, for elapsed times and countdowns. */
  readonly ticks: boolean;
}

export function createDisplay(out: NodeJS.WriteStream): ProgressDisplay {
  return out.isTTY ? new BarDisplay(out) : new LineDisplay(out);
}

/** One line per change of a step: `Generating Sound: running`. For logs, pipes and CI. */
export class LineDisplay implements ProgressDisplay {
  readonly ticks = false;
  private readonly printed = new Map<string, string>();

  constructor(private readonly out: NodeJS.WritableStream) {}

  render(lines: readonly StepLine[]): void {
    for (const line of lines) {
      if (!line.complete || this.printed.get(line.name) === line.milestone) continue;
      this.printed.set(line.name, line.milestone);
      this.out.write(`${line.label}: ${line.milestone}\n`);
    }
  }

  note(text: string): void {
    this.out.write(`${text}\n`);
  }

  stop(): void {}
}

/** One progress bar per step (cli-progress), redrawn in place. */
export class BarDisplay implements ProgressDisplay {
  readonly ticks = true;
  private readonly bars = new Map<string, SingleBar>();
  private readonly multibar: MultiBar;

  constructor(out: NodeJS.WriteStream) {
    this.multibar = new MultiBar(
      {
        stream: out,
        format: ' {label} {bar} {state}',
        barsize: 20,
        hideCursor: true,
        clearOnComplete: false,
        stopOnComplete: false,
        // Redrawn by render(); the library's own timer would redraw an unchanged screen.
        noTTYOutput: false,
        fps: 10,
      },
      Presets.shades_classic,
    );
  }

  render(lines: readonly StepLine[]): void {
    const width = Math.max(0, ...lines.map((line) => line.label.length));
    for (const line of lines) {
      const payload = { label: line.label.padEnd(width), state: line.state };
      const value = Math.round(line.fraction * 100);
      const bar = this.bars.get(line.name);
      if (bar) bar.update(value, payload);
      else this.bars.set(line.name, this.multibar.create(100, value, payload));
    }
  }

  note(text: string): void {
    this.multibar.log(`${text}\n`);
  }

  stop(): void {
    this.multibar.stop();
  }
}
