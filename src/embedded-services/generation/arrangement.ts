import type { Section, SectionName } from './score';
import type { Style } from './styles';

/**
 * The form of a track: an intro, the genre's verses and choruses (A and B) in four-bar
 * phrases, an outro; as many as it takes to last at least the asked length.
 */
const ENERGY: Record<SectionName, number> = {
  intro: 0.55,
  verse: 0.8,
  chorus: 1,
  bridge: 0.7,
  outro: 0.55,
};

export function arrange(style: Style, barSeconds: number, minSeconds: number): Section[] {
  const needed = Math.max(1, Math.ceil(minSeconds / barSeconds - 1e-9));
  // Short tracks (a test's few seconds) shrink the phrase rather than outgrow their length.
  const phrase = needed >= 10 ? 4 : needed >= 6 ? 2 : 1;
  let intro = phrase >= 4 ? 2 : 1;
  let outro = intro;
  const middle: { name: SectionName; bars: number }[] = [
    { name: style.form[0], bars: phrase },
    { name: style.form[1], bars: phrase },
  ];
  const total = () => intro + outro + middle.reduce((sum, s) => sum + s.bars, 0);
  while (total() < needed) {
    const deficit = needed - total();
    if (deficit <= 2 && intro < phrase) intro = phrase;
    else if (deficit <= 2 && outro < phrase) outro = phrase;
    else middle.push({ name: style.form[middle.length % style.form.length], bars: phrase });
  }
  const sections: Section[] = [];
  let bar = 0;
  for (const { name, bars } of [
    { name: 'intro' as const, bars: intro },
    ...middle,
    { name: 'outro' as const, bars: outro },
  ]) {
    sections.push({ name, startBar: bar, bars, energy: ENERGY[name] });
    bar += bars;
  }
  return sections;
}
