"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.styleOf = styleOf;
exports.stepVelocities = stepVelocities;
const VERSE_CHORUS = ['verse', 'chorus', 'verse', 'chorus', 'bridge', 'chorus'];
const A_B = ['verse', 'chorus', 'verse', 'chorus', 'chorus'];
const POP_PROGRESSIONS = {
    major: [
        [1, 5, 6, 4],
        [4, 1, 5, 6],
    ],
    minor: [
        [1, 6, 3, 7],
        [6, 7, 1, 1],
    ],
};
const STYLES = {
    pop: {
        name: 'pop',
        tempo: 110,
        key: 'C major',
        swing: 0,
        progressions: POP_PROGRESSIONS,
        sevenths: false,
        minorMode: 'aeolian',
        drums: {
            kick: '9.....6.9.......',
            snare: '....9.......9...',
            hat: '6.4.6.4.6.4.6.4.',
            open: '..............5.',
            clap: '................',
        },
        bass: 'R-.R..R-5-.R..8.',
        bassSound: 'electric',
        comp: 'x--.x--.x--.x-x-',
        form: VERSE_CHORUS,
    },
    hiphop: {
        name: 'hiphop',
        tempo: 90,
        key: 'A minor',
        swing: 0.1,
        progressions: {
            major: [
                [1, 6, 2, 5],
                [4, 3, 6, 5],
            ],
            minor: [
                [1, 6, 4, 5],
                [1, 4, 6, 5],
            ],
        },
        sevenths: true,
        minorMode: 'aeolian',
        drums: {
            kick: '9.....7...9.....',
            snare: '....9.......9...',
            hat: '7.5.7.5.7.5.7.5.',
            open: '................',
            clap: '............4...',
        },
        bass: 'R-----.R--5-....',
        bassSound: 'sub',
        comp: 'x-----x---x-----',
        form: A_B,
    },
    lofi: {
        name: 'lofi',
        tempo: 82,
        key: 'F major',
        swing: 0.22,
        progressions: {
            major: [
                [2, 5, 1, 6],
                [4, 3, 2, 1],
            ],
            minor: [
                [1, 4, 7, 3],
                [6, 2, 5, 1],
            ],
        },
        sevenths: true,
        minorMode: 'dorian',
        drums: {
            kick: '9......6..7.....',
            snare: '....8.......8...',
            hat: '5.3.5.3.5.3.5.4.',
            open: '................',
            clap: '................',
        },
        bass: 'R-----.5R----...',
        bassSound: 'electric',
        comp: 'x-------..x-----',
        form: A_B,
    },
    trap: {
        name: 'trap',
        tempo: 140,
        key: 'C minor',
        swing: 0,
        progressions: {
            major: [
                [6, 4, 1, 5],
                [6, 4, 1, 5],
            ],
            minor: [
                [1, 6, 7, 6],
                [1, 4, 6, 5],
            ],
        },
        sevenths: false,
        minorMode: 'aeolian',
        drums: {
            kick: '9.......7.9.....',
            snare: '........9.......',
            hat: '6.4.6.4.6464.6.4',
            open: '................',
            clap: '........6.......',
        },
        bass: 'R-------.---R-5-',
        bassSound: 'sub',
        comp: 'x---------------',
        form: A_B,
    },
    triphop: {
        name: 'triphop',
        tempo: 88,
        key: 'C minor',
        swing: 0.12,
        progressions: {
            major: [
                [1, 3, 4, 4],
                [6, 5, 4, 1],
            ],
            minor: [
                [1, 1, 6, 7],
                [4, 1, 6, 5],
            ],
        },
        sevenths: true,
        minorMode: 'aeolian',
        drums: {
            kick: '9......7..8.....',
            snare: '....9.......9..3',
            hat: '6.3.6.3.6.3.6.3.',
            open: '......4.........',
            clap: '................',
        },
        bass: 'R-------..R-5-8-',
        bassSound: 'sub',
        comp: 'x-------x-------',
        form: A_B,
    },
    reggae: {
        name: 'reggae',
        tempo: 75,
        key: 'A major',
        swing: 0.08,
        progressions: {
            major: [
                [1, 4, 1, 5],
                [4, 5, 1, 6],
            ],
            minor: [
                [1, 4, 1, 5],
                [6, 7, 1, 1],
            ],
        },
        sevenths: false,
        minorMode: 'dorian',
        drums: {
            kick: '........9.......',
            snare: '........7.......',
            hat: '..6...6...6...6.',
            open: '..............4.',
            clap: '................',
        },
        bass: '..R-.R5-R-..8-A-',
        bassSound: 'electric',
        comp: '....x.......x...',
        form: VERSE_CHORUS,
    },
    house: {
        name: 'house',
        tempo: 124,
        key: 'A minor',
        swing: 0,
        progressions: {
            major: [
                [1, 6, 4, 5],
                [4, 5, 3, 6],
            ],
            minor: [
                [1, 7, 6, 7],
                [1, 4, 6, 7],
            ],
        },
        sevenths: true,
        minorMode: 'aeolian',
        drums: {
            kick: '9...9...9...9...',
            snare: '................',
            hat: '5.5.5.5.5.5.5.5.',
            open: '..7...7...7...7.',
            clap: '....8.......8...',
        },
        bass: '..R...R...R...R.',
        bassSound: 'synth',
        comp: '..x...x...x...x.',
        form: A_B,
    },
    dnb: {
        name: 'dnb',
        tempo: 172,
        key: 'F minor',
        swing: 0,
        progressions: {
            major: [
                [1, 6, 4, 5],
                [6, 4, 1, 5],
            ],
            minor: [
                [1, 6, 3, 7],
                [1, 4, 7, 6],
            ],
        },
        sevenths: false,
        minorMode: 'aeolian',
        drums: {
            kick: '9.........9.....',
            snare: '....9.......9...',
            hat: '5.5.5.5.5.5.5.5.',
            open: '................',
            clap: '................',
        },
        bass: 'R-------R---5---',
        bassSound: 'synth',
        comp: 'x---------------',
        form: A_B,
    },
    rock: {
        name: 'rock',
        tempo: 120,
        key: 'E minor',
        swing: 0,
        progressions: {
            major: [
                [1, 4, 5, 4],
                [6, 4, 1, 5],
            ],
            minor: [
                [1, 7, 6, 7],
                [6, 7, 1, 1],
            ],
        },
        sevenths: false,
        minorMode: 'aeolian',
        drums: {
            kick: '9.....7.9.7.....',
            snare: '....9.......9...',
            hat: '6.5.6.5.6.5.6.5.',
            open: '................',
            clap: '................',
        },
        bass: 'R.R.R.R.R.R.R.5.',
        bassSound: 'electric',
        comp: 'x-x-x-x-x-x-x-x-',
        form: VERSE_CHORUS,
    },
    funk: {
        name: 'funk',
        tempo: 104,
        key: 'E minor',
        swing: 0.08,
        progressions: {
            major: [
                [1, 4, 1, 4],
                [2, 5, 1, 1],
            ],
            minor: [
                [1, 4, 1, 4],
                [6, 5, 4, 1],
            ],
        },
        sevenths: true,
        minorMode: 'dorian',
        drums: {
            kick: '9..6..9...7..6..',
            snare: '....9..3.3..9..4',
            hat: '6464646464646464',
            open: '..............6.',
            clap: '................',
        },
        bass: 'R..R.8.5R.R..A.R',
        bassSound: 'electric',
        comp: '..x..x.x..x..x..',
        form: A_B,
    },
    jazz: {
        name: 'jazz',
        tempo: 120,
        key: 'Bb major',
        swing: 0.33,
        progressions: {
            major: [
                [2, 5, 1, 6],
                [4, 7, 3, 6],
            ],
            minor: [
                [1, 4, 7, 3],
                [6, 2, 5, 1],
            ],
        },
        sevenths: true,
        minorMode: 'dorian',
        drums: {
            kick: '3...3...3...3...',
            snare: '..........3.....',
            hat: '7...6.47...6.47.',
            open: '................',
            clap: '................',
        },
        bass: 'R---5---8---A---',
        bassSound: 'upright',
        comp: 'x-....x-....x...',
        form: A_B,
    },
    ambient: {
        name: 'ambient',
        tempo: 70,
        key: 'D major',
        swing: 0,
        progressions: {
            major: [
                [1, 4, 6, 5],
                [4, 1, 2, 4],
            ],
            minor: [
                [1, 6, 3, 7],
                [4, 6, 1, 7],
            ],
        },
        sevenths: true,
        minorMode: 'aeolian',
        drums: {
            kick: '9...............',
            snare: '................',
            hat: '....3.......3...',
            open: '................',
            clap: '........4.......',
        },
        bass: 'R---------------',
        bassSound: 'sub',
        comp: 'x---------------',
        form: A_B,
    },
    synthwave: {
        name: 'synthwave',
        tempo: 100,
        key: 'A minor',
        swing: 0,
        progressions: POP_PROGRESSIONS,
        sevenths: false,
        minorMode: 'aeolian',
        drums: {
            kick: '9.......9.......',
            snare: '....9.......9...',
            hat: '6.4.6.4.6.4.6.4.',
            open: '................',
            clap: '....6.......6...',
        },
        bass: 'R.R.R.R.R.R.R.R.',
        bassSound: 'synth',
        comp: 'x---------------',
        form: VERSE_CHORUS,
    },
};
const GENRE_STYLES = [
    [/trip.?hop|downtempo/, 'triphop'],
    [/lo.?fi|chillhop/, 'lofi'],
    [/trap|drill/, 'trap'],
    [/hip.?hop|rap|boom.?bap|grime/, 'hiphop'],
    [/reggae|dub\b|ska|dancehall/, 'reggae'],
    [/drum.?(and|&|n).?bass|dnb|jungle/, 'dnb'],
    [/house|techno|trance|edm|disco|garage|dance/, 'house'],
    [/rock|metal|punk|grunge|indie|country|folk|blues/, 'rock'],
    [/funk|soul|r&b|afrobeat|reggaeton/, 'funk'],
    [/jazz|bossa|swing/, 'jazz'],
    [/ambient|cinematic|classical|orchestral|new age|vaporwave/, 'ambient'],
    [/synthwave|retrowave|80s|dubstep/, 'synthwave'],
];
function styleOf(genre) {
    const text = (genre ?? '').toLowerCase();
    for (const [pattern, name] of GENRE_STYLES)
        if (pattern.test(text))
            return STYLES[name];
    return STYLES.pop;
}
function stepVelocities(pattern) {
    return [...pattern.padEnd(16, '.')]
        .slice(0, 16)
        .map((c) => (/[1-9]/.test(c) ? Number(c) / 9 : 0));
}
//# sourceMappingURL=styles.js.map