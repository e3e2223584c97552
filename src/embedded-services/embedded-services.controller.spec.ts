import { HttpException } from '@nestjs/common';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { AppConfig } from '../config/app-config';
import { EmbeddedServicesController } from './embedded-services.controller';

function rejectsWith(status: number, detail: RegExp) {
  return (error: unknown) => {
    assert.ok(error instanceof HttpException, String(error));
    assert.equal(error.getStatus(), status);
    assert.match((error.getResponse() as { detail: string }).detail, detail);
    return true;
  };
}

describe('embedded services against CONTRACTS.md', () => {
  let artifacts: string;
  let controller: EmbeddedServicesController;

  before(async () => {
    artifacts = await mkdtemp(join(tmpdir(), 'embedded-services-'));
    controller = new EmbeddedServicesController(new AppConfig({ ARTIFACTS_DIR: artifacts }));
  });

  after(() => rm(artifacts, { recursive: true, force: true }));

  it('mixing refuses an empty stem_paths list with 400', async () => {
    await assert.rejects(
      async () => controller.process({ stem_paths: [] }),
      rejectsWith(400, /stem_paths must be a non-empty list/),
    );
  });

  it('mixing refuses stems outside the shared volume with 400 naming stem_paths', async () => {
    for (const path of ['/etc/passwd', '../outside.wav', artifacts]) {
      await assert.rejects(
        async () => controller.process({ stem_paths: [join(artifacts, 'stems/x.wav'), path] }),
        rejectsWith(400, /^stem_paths\[1\] ".*" is outside the shared artifacts volume/),
      );
    }
  });

  it('mixing names the stem_paths entry it cannot decode', async () => {
    await writeFile(join(artifacts, 'not-audio.wav'), 'ID3 this is an mp3');
    await assert.rejects(
      async () => controller.process({ stem_paths: ['not-audio.wav'] }),
      rejectsWith(422, /^stem_paths\[0\] "not-audio.wav" is not a WAV file/),
    );
    await assert.rejects(
      async () => controller.process({ stem_paths: ['missing.wav'] }),
      rejectsWith(422, /^stem_paths\[0\] "missing.wav" cannot be read/),
    );
  });

  it('mixes generated stems into output_path with the contract message', async () => {
    const generated = await controller.generate({ prompt_spec: { instruments: ['bass'] } });
    const mastered = await controller.process({ stem_paths: Object.values(generated.stems) });
    assert.deepEqual(Object.keys(mastered), ['output_path', 'message']);
    assert.equal(mastered.message, 'Mixing and mastering complete.');
    assert.ok(mastered.output_path.startsWith(join(artifacts, 'output')), mastered.output_path);
  });

  it('keeps each service its own Idempotency-Key space', async () => {
    const spec = await controller.parse({ prompt: 'a house beat' }, 'shared-key');
    const generated = await controller.generate({ prompt_spec: spec }, 'shared-key');
    assert.deepEqual(Object.keys(generated), ['job_id', 'stems']);
    assert.deepEqual(Object.keys(generated.stems), ['drums']);
  });
});
