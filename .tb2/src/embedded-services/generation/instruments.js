"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.planOf = planOf;
const PLANS = [
    [/drum|beat|perc|hat|kit/, { role: 'drums', voice: 'drums', pan: 0, canLead: false }],
    [/bass|808/, { role: 'bass', voice: 'bass', pan: 0, canLead: false }],
    [
        /electric piano|e-piano|rhodes|wurli|keys/,
        { role: 'chords', voice: 'electric-piano', pan: -0.2, canLead: true },
    ],
    [/piano/, { role: 'chords', voice: 'piano', pan: -0.1, canLead: true }],
    [/organ/, { role: 'chords', voice: 'organ', pan: 0.3, canLead: false }],
    [/pad/, { role: 'pad', voice: 'pad', pan: 0, canLead: false }],
    [
        /string|violin|cello|viola|orchestra/,
        { role: 'pad', voice: 'strings', pan: -0.3, canLead: true },
    ],
    [/brass|trumpet|horn|trombone/, { role: 'chords', voice: 'brass', pan: 0.35, canLead: true }],
    [/guitar|uke|banjo|mandolin/, { role: 'chords', voice: 'guitar', pan: -0.45, canLead: true }],
    [/lead/, { role: 'melody', voice: 'synth-lead', pan: 0.1, canLead: true }],
    [/synth|arp/, { role: 'arp', voice: 'arp-synth', pan: 0.35, canLead: false }],
    [/sax|clarinet|oboe|reed/, { role: 'melody', voice: 'reed', pan: 0.2, canLead: true }],
    [/flute|whistle|recorder/, { role: 'melody', voice: 'flute', pan: 0.25, canLead: true }],
    [/vocal|voice|choir|vox|sing/, { role: 'melody', voice: 'choir', pan: 0, canLead: true }],
    [/bell|glock|celesta|chime/, { role: 'arp', voice: 'bell', pan: 0.4, canLead: true }],
    [
        /marimba|vibra|xylo|kalimba|mallet/,
        { role: 'arp', voice: 'mallet', pan: -0.35, canLead: true },
    ],
    [/harp|pluck|koto|sitar/, { role: 'arp', voice: 'harp', pan: 0.3, canLead: true }],
];
const FALLBACK = { role: 'chords', voice: 'harp', pan: 0.2, canLead: true };
function planOf(instrument) {
    const name = instrument.toLowerCase();
    return PLANS.find(([pattern]) => pattern.test(name))?.[1] ?? FALLBACK;
}
//# sourceMappingURL=instruments.js.map