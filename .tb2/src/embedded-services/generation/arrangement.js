"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.arrange = arrange;
const ENERGY = {
    intro: 0.55,
    verse: 0.8,
    chorus: 1,
    bridge: 0.7,
    outro: 0.55,
};
function arrange(style, barSeconds, minSeconds) {
    const needed = Math.max(1, Math.ceil(minSeconds / barSeconds - 1e-9));
    const phrase = needed >= 10 ? 4 : needed >= 6 ? 2 : 1;
    let intro = phrase >= 4 ? 2 : 1;
    let outro = intro;
    const middle = [
        { name: style.form[0], bars: phrase },
        { name: style.form[1], bars: phrase },
    ];
    const total = () => intro + outro + middle.reduce((sum, s) => sum + s.bars, 0);
    while (total() < needed) {
        const deficit = needed - total();
        if (deficit <= 2 && intro < phrase)
            intro = phrase;
        else if (deficit <= 2 && outro < phrase)
            outro = phrase;
        else
            middle.push({ name: style.form[middle.length % style.form.length], bars: phrase });
    }
    const sections = [];
    let bar = 0;
    for (const { name, bars } of [
        { name: 'intro', bars: intro },
        ...middle,
        { name: 'outro', bars: outro },
    ]) {
        sections.push({ name, startBar: bar, bars, energy: ENERGY[name] });
        bar += bars;
    }
    return sections;
}
//# sourceMappingURL=arrangement.js.map