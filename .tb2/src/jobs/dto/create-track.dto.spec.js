"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
require("reflect-metadata");
const strict_1 = __importDefault(require("node:assert/strict"));
const common_1 = require("@nestjs/common");
const node_test_1 = require("node:test");
const validation_1 = require("../../http/validation");
const create_track_dto_1 = require("./create-track.dto");
const pipe = (0, validation_1.createValidationPipe)();
const validate = (body) => pipe.transform(body, { type: 'body', metatype: create_track_dto_1.CreateTrackDto });
async function rejection(body) {
    try {
        await validate(body);
    }
    catch (error) {
        strict_1.default.ok(error instanceof common_1.BadRequestException, String(error));
        strict_1.default.equal(error.getStatus(), 400);
        return error.getResponse();
    }
    strict_1.default.fail(`accepted ${JSON.stringify(body)}`);
}
async function assertRejected(body, field, message) {
    const response = await rejection(body);
    strict_1.default.deepEqual(response.errors.map((e) => e.field), [field], JSON.stringify(response));
    const [{ message: text }] = response.errors;
    strict_1.default.ok(text.includes(field), `"${text}" names ${field}`);
    strict_1.default.match(text, message);
    strict_1.default.ok(response.detail.includes(text), 'detail repeats the message');
}
(0, node_test_1.describe)('CreateTrackDto validation', () => {
    (0, node_test_1.it)('accepts a valid request and returns a CreateTrackDto', async () => {
        const body = {
            prompt: 'A chill lo-fi hip hop beat, 100 bpm.',
            reference_track_url: 'https://example.com/reference.wav',
            webhook_url: 'https://studio.example.com/hooks',
            webhook_events: ['job.status'],
            priority: 'high',
        };
        const dto = await validate(body);
        strict_1.default.ok(dto instanceof create_track_dto_1.CreateTrackDto);
        strict_1.default.deepEqual({ ...dto }, body);
        strict_1.default.ok((await validate({ prompt: 'x'.repeat(create_track_dto_1.PROMPT_MAX_LENGTH) })) instanceof create_track_dto_1.CreateTrackDto);
        strict_1.default.ok((await validate({ prompt: 'no reference', reference_track_url: null })) instanceof
            create_track_dto_1.CreateTrackDto);
    });
    (0, node_test_1.it)('refuses a missing, empty, whitespace-only or non-string prompt', async () => {
        await assertRejected({}, 'prompt', /must be a string/);
        await assertRejected({ reference_track_url: 'https://example.com/r.wav' }, 'prompt', /string/);
        await assertRejected({ prompt: '' }, 'prompt', /must not be empty or only whitespace/);
        await assertRejected({ prompt: ' \t\n ' }, 'prompt', /must not be empty or only whitespace/);
        await assertRejected({ prompt: 42 }, 'prompt', /must be a string/);
        await assertRejected({ prompt: ['a', 'b'] }, 'prompt', /must be a string/);
        await assertRejected({ prompt: null }, 'prompt', /must be a string/);
    });
    (0, node_test_1.it)(`refuses a prompt over ${create_track_dto_1.PROMPT_MAX_LENGTH} characters`, async () => {
        await assertRejected({ prompt: 'x'.repeat(create_track_dto_1.PROMPT_MAX_LENGTH + 1) }, 'prompt', /at most 2000 characters/);
    });
    (0, node_test_1.it)('refuses a reference_track_url that is not an absolute http(s) URL', async () => {
        for (const url of [
            'reference.wav',
            '/tracks/reference.wav',
            '//example.com/reference.wav',
            'ftp://example.com/reference.wav',
            'file:///etc/passwd',
            'javascript:alert(1)',
            'http://',
            '',
            42,
        ]) {
            await assertRejected({ prompt: 'house', reference_track_url: url }, 'reference_track_url', /must be an absolute http\(s\) URL/);
        }
    });
    (0, node_test_1.it)('refuses a priority other than high, normal or low', async () => {
        for (const priority of ['urgent', 'HIGH', 1])
            await assertRejected({ prompt: 'p', priority }, 'priority', /priority must be one of: high, normal, low/);
    });
    (0, node_test_1.it)('refuses unknown fields, naming them', async () => {
        await assertRejected({ prompt: 'house', tempo: 120 }, 'tempo', /should not exist/);
        await assertRejected({ prompt: 'house', referenceTrackUrl: 'https://example.com/r.wav' }, 'referenceTrackUrl', /should not exist/);
    });
    (0, node_test_1.it)('refuses webhook_events without a webhook_url', async () => {
        await assertRejected({ prompt: 'house', webhook_events: ['job.status'] }, 'webhook_events', /needs a webhook_url/);
        await assertRejected({ prompt: 'house', webhook_url: null, webhook_events: ['step.failed'] }, 'webhook_events', /needs a webhook_url/);
    });
    (0, node_test_1.it)('reports every offending field at once', async () => {
        const response = await rejection({ prompt: '', reference_track_url: 'nope', extra: true });
        strict_1.default.deepEqual(response.errors.map((e) => e.field).sort(), [
            'extra',
            'prompt',
            'reference_track_url',
        ]);
    });
});
//# sourceMappingURL=create-track.dto.spec.js.map