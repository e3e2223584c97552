"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.stepTime = stepTime;
exports.sectionOf = sectionOf;
exports.isLastBar = isLastBar;
exports.onsets = onsets;
function stepTime(timeline, bar, step) {
    const swing = step % 2 === 1 ? timeline.style.swing * timeline.sixteenth : 0;
    return (bar * 16 + step) * timeline.sixteenth + swing;
}
function sectionOf(timeline, bar) {
    return (timeline.sections.find((s) => bar >= s.startBar && bar < s.startBar + s.bars) ??
        timeline.sections[timeline.sections.length - 1]);
}
function isLastBar(timeline, bar) {
    return bar === timeline.bars - 1;
}
function onsets(pattern) {
    const steps = [...pattern.padEnd(16, '.')].slice(0, 16);
    const result = [];
    steps.forEach((symbol, step) => {
        if (symbol === '.' || symbol === '-')
            return;
        let length = 1;
        while (step + length < 16 && steps[step + length] === '-')
            length++;
        const velocity = /[1-9]/.test(symbol) ? Number(symbol) / 9 : 1;
        result.push({ step, length, velocity });
    });
    return result;
}
//# sourceMappingURL=timeline.js.map