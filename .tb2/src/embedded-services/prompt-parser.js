"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.parsePrompt = parsePrompt;
const GENRES = [
    'lo-fi hip hop',
    'trip-hop',
    'trip hop',
    'downtempo',
    'boom bap',
    'chillhop',
    'bossa nova',
    'neo soul',
    'dub',
    'ska',
    'drum and bass',
    'deep house',
    'tech house',
    'hip hop',
    'synthwave',
    'vaporwave',
    'ambient',
    'classical',
    'cinematic',
    'country',
    'dubstep',
    'reggae',
    'techno',
    'trance',
    'house',
    'disco',
    'funk',
    'jazz',
    'blues',
    'rock',
    'metal',
    'punk',
    'trap',
    'soul',
    'r&b',
    'edm',
    'pop',
    'lo-fi',
    'folk',
    'garage',
    'afrobeat',
    'reggaeton',
    'drill',
    'grime',
].sort((a, b) => b.length - a.length);
const INSTRUMENTS = {
    piano: 'piano',
    keys: 'keys',
    rhodes: 'electric piano',
    'electric piano': 'electric piano',
    'e-piano': 'electric piano',
    wurlitzer: 'electric piano',
    drums: 'drums',
    drum: 'drums',
    beat: 'drums',
    percussion: 'drums',
    'hi-hats': 'drums',
    bass: 'bass',
    bassline: 'bass',
    '808': 'bass',
    'sub bass': 'bass',
    synth: 'synth',
    synths: 'synth',
    synthesizer: 'synth',
    arp: 'synth',
    arpeggio: 'synth',
    arpeggiator: 'synth',
    'upright bass': 'bass',
    'double bass': 'bass',
    horns: 'brass',
    pad: 'pad',
    pads: 'pad',
    lead: 'lead',
    guitar: 'guitar',
    guitars: 'guitar',
    strings: 'strings',
    violin: 'strings',
    cello: 'strings',
    vocals: 'vocals',
    vocal: 'vocals',
    voice: 'vocals',
    choir: 'vocals',
    saxophone: 'saxophone',
    sax: 'saxophone',
    trumpet: 'trumpet',
    brass: 'brass',
    flute: 'flute',
    organ: 'organ',
    bells: 'bells',
    marimba: 'marimba',
    harp: 'harp',
    kalimba: 'kalimba',
};
const MOODS = {
    chill: 'chill',
    chilled: 'chill',
    relaxed: 'relaxed',
    relaxing: 'relaxed',
    calm: 'calm',
    smooth: 'smooth',
    mellow: 'mellow',
    dark: 'dark',
    moody: 'dark',
    happy: 'happy',
    sunny: 'sunny',
    bright: 'bright',
    joyful: 'happy',
    upbeat: 'upbeat',
    sad: 'sad',
    melancholic: 'melancholic',
    melancholy: 'melancholic',
    energetic: 'energetic',
    aggressive: 'aggressive',
    epic: 'epic',
    dreamy: 'dreamy',
    uplifting: 'uplifting',
    romantic: 'romantic',
    nostalgic: 'nostalgic',
    groovy: 'groovy',
    mysterious: 'mysterious',
    peaceful: 'peaceful',
    intense: 'intense',
};
const KEY_CANDIDATE = /\b(key\s+of\s+)?([a-g])(#|♯|♭|b|\s+sharp|\s+flat)?(\s*(?:major|minor|maj|min)|m)?(?![\w#♯♭])/gi;
function isKeyMention({ keyOf, letter, accidental, quality }) {
    const capital = letter === letter.toUpperCase();
    const attachedQuality = quality !== undefined && !/^\s/.test(quality);
    if (attachedQuality && quality !== quality.toLowerCase())
        return false;
    if (accidental === 'B')
        return false;
    if (keyOf)
        return true;
    switch (accidental?.trim()) {
        case '#':
        case '♯':
        case '♭':
            return true;
        case 'b':
            return capital || quality !== undefined;
        case undefined:
            break;
        default:
            return quality !== undefined || (capital && letter !== 'A');
    }
    if (quality === undefined)
        return false;
    if (attachedQuality)
        return capital;
    return capital || letter !== 'a';
}
function escape(text) {
    return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
function wordRegex(phrase) {
    return new RegExp(`(^|[^a-z0-9])${escape(phrase)}(?=$|[^a-z0-9])`, 'i');
}
function parseTempo(text) {
    const match = /(\d{2,3}(?:\.\d+)?)\s*(?:bpm|beats per minute)\b/i.exec(text) ??
        /\btempo\s*(?:of\s*)?(\d{2,3})\b/i.exec(text);
    if (!match)
        return null;
    const tempo = Number(match[1]);
    return tempo >= 30 && tempo <= 300 ? tempo : null;
}
function parseKey(prompt) {
    for (const match of prompt.matchAll(KEY_CANDIDATE)) {
        const candidate = {
            keyOf: match[1] !== undefined,
            letter: match[2],
            accidental: match[3],
            quality: match[4],
        };
        if (!isKeyMention(candidate))
            continue;
        const accidental = candidate.accidental?.trim().toLowerCase();
        const sign = !accidental
            ? ''
            : accidental === '#' || accidental === '♯' || accidental === 'sharp'
                ? '#'
                : 'b';
        const minor = /^(minor|min|m)$/i.test(candidate.quality?.trim() ?? '');
        return `${candidate.letter.toUpperCase()}${sign} ${minor ? 'minor' : 'major'}`;
    }
    return null;
}
function firstMatch(text, phrases) {
    let best = null;
    for (const phrase of phrases) {
        const match = wordRegex(phrase).exec(text);
        if (match && (best === null || match.index < best.index))
            best = { index: match.index, phrase };
    }
    return best?.phrase ?? null;
}
const GENRE_BACKBONE = [
    [/reggae|dub|ska|drum and bass/, ['drums', 'bass']],
    [
        /hip hop|trip|lo-fi|chillhop|boom bap|downtempo|trap|drill|grime|house|techno|trance|edm|disco|garage|dubstep|funk|rock|metal|punk|afrobeat|reggaeton|pop|synthwave/,
        ['drums'],
    ],
    [/ambient/, ['pad']],
    [/classical|cinematic/, ['strings']],
];
const GENRE_BAND = [
    [/trip/, ['drums', 'bass', 'piano', 'strings']],
    [/lo-fi|chillhop/, ['drums', 'bass', 'electric piano']],
    [/hip hop|boom bap|downtempo/, ['drums', 'bass', 'piano']],
    [/trap|drill|grime/, ['drums', 'bass', 'synth', 'lead']],
    [/reggae|dub|ska/, ['drums', 'bass', 'guitar', 'organ']],
    [/house|disco|garage/, ['drums', 'bass', 'piano', 'pad']],
    [/techno|trance|edm|dubstep|drum and bass/, ['drums', 'bass', 'synth', 'pad']],
    [/jazz|bossa nova|blues/, ['drums', 'bass', 'piano', 'saxophone']],
    [/funk|soul|r&b|neo soul|afrobeat/, ['drums', 'bass', 'electric piano', 'brass']],
    [/rock|metal|punk|country|folk/, ['drums', 'bass', 'guitar']],
    [/ambient/, ['pad', 'piano', 'bells']],
    [/classical|cinematic/, ['strings', 'piano', 'brass']],
    [/synthwave|vaporwave|pop/, ['drums', 'bass', 'synth', 'lead']],
];
function withGenre(genre, named) {
    if (genre === null)
        return named;
    const rules = named.length === 0 ? GENRE_BAND : GENRE_BACKBONE;
    const implied = rules.find(([pattern]) => pattern.test(genre))?.[1] ?? [];
    return [...named, ...implied.filter((i) => !named.includes(i))];
}
function parsePrompt(prompt) {
    const text = prompt.toLowerCase();
    const genre = GENRES.find((g) => wordRegex(g).test(text)) ?? null;
    const named = [];
    let unread = text;
    for (const [word, instrument] of Object.entries(INSTRUMENTS).sort((a, b) => b[0].length - a[0].length)) {
        const pattern = wordRegex(word);
        if (!pattern.test(unread))
            continue;
        unread = unread.replace(new RegExp(pattern.source, 'gi'), '$1 ');
        if (!named.includes(instrument))
            named.push(instrument);
    }
    const instruments = withGenre(genre, named);
    const moodWord = firstMatch(text, Object.keys(MOODS));
    const references = [
        ...prompt.matchAll(/\b(?:in the style of|like|inspired by|similar to|à la)\s+([A-Z][\w'’.&-]*(?:\s+[A-Z][\w'’.&-]*)*)/g),
    ].map((m) => m[1].trim());
    return {
        tempo: parseTempo(text),
        key: parseKey(prompt),
        genre,
        instruments,
        style_references: [...new Set(references)],
        mood: moodWord ? MOODS[moodWord] : null,
    };
}
//# sourceMappingURL=prompt-parser.js.map