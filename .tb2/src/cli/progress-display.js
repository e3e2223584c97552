"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.BarDisplay = exports.LineDisplay = void 0;
exports.createDisplay = createDisplay;
const cli_progress_1 = require("cli-progress");
function createDisplay(out) {
    return out.isTTY ? new BarDisplay(out) : new LineDisplay(out);
}
class LineDisplay {
    out;
    ticks = false;
    printed = new Map();
    constructor(out) {
        this.out = out;
    }
    render(lines) {
        for (const line of lines) {
            if (!line.complete || this.printed.get(line.name) === line.milestone)
                continue;
            this.printed.set(line.name, line.milestone);
            this.out.write(`${line.label}: ${line.milestone}\n`);
        }
    }
    note(text) {
        this.out.write(`${text}\n`);
    }
    stop() { }
}
exports.LineDisplay = LineDisplay;
class BarDisplay {
    ticks = true;
    bars = new Map();
    multibar;
    constructor(out) {
        this.multibar = new cli_progress_1.MultiBar({
            stream: out,
            format: ' {label} {bar} {state}',
            barsize: 20,
            hideCursor: true,
            clearOnComplete: false,
            stopOnComplete: false,
            noTTYOutput: false,
            fps: 10,
        }, cli_progress_1.Presets.shades_classic);
    }
    render(lines) {
        const width = Math.max(0, ...lines.map((line) => line.label.length));
        for (const line of lines) {
            const payload = { label: line.label.padEnd(width), state: line.state };
            const value = Math.round(line.fraction * 100);
            const bar = this.bars.get(line.name);
            if (bar)
                bar.update(value, payload);
            else
                this.bars.set(line.name, this.multibar.create(100, value, payload));
        }
    }
    note(text) {
        this.multibar.log(`${text}\n`);
    }
    stop() {
        this.multibar.stop();
    }
}
exports.BarDisplay = BarDisplay;
//# sourceMappingURL=progress-display.js.map