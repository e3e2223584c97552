import {
  BadRequestException,
  Body,
  Controller,
  Headers,
  HttpCode,
  Optional,
  Post,
  Req,
  UnprocessableEntityException,
  UseGuards,
} from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { Public } from '../auth/public.decorator';
import type { PromptSpec, StyleFeatures } from '../clients/contracts';
import { AppConfig } from '../config/app-config';
import { IdempotencyCache } from './idempotency-cache';
import { LoopbackOnlyGuard } from './loopback-only.guard';
import { compose, seedOf } from './generation';
import { compositionRequest } from './generation-request';
import { parsePrompt } from './prompt-parser';
import { EmbeddedRenderer, InvalidStemError } from './render/embedded-renderer';
import { InvalidAudioError } from './wav';

/** Where the embedded services are mounted: `/reference/...`. */
export const EMBEDDED_SERVICES_PATH = 'reference';

/**
 * The four services of CONTRACTS.md, embedded: mounted when their URLs are not set, so one
 * `npm start` runs a whole job. They take loose JSON (validated here by hand, exactly as the
 * contracts say), not the orchestrator's DTOs.
 */
@ApiExcludeController()
@Public()
@UseGuards(LoopbackOnlyGuard)
@Controller(EMBEDDED_SERVICES_PATH)
export class EmbeddedServicesController {
  // One cache per service: each is its own service in the original, and a key sent to one
  // must not replay another's answer.
  private readonly parsed = new IdempotencyCache();
  private readonly analysed = new IdempotencyCache();
  private readonly generated = new IdempotencyCache();
  private readonly mastered = new IdempotencyCache();

  private readonly renderer: EmbeddedRenderer;

  constructor(
    private readonly config: AppConfig,
    // Optional so a controller built by hand (unit specs) gets its own pool.
    @Optional() renderer?: EmbeddedRenderer,
  ) {
    this.renderer = renderer ?? new EmbeddedRenderer(config);
  }

  @Post('prompt-parser/parse')
  @HttpCode(200)
  parse(@Body() body: unknown, @Headers('idempotency-key') key?: string): Promise<PromptSpec> {
    const prompt = (body as { prompt?: unknown } | undefined)?.prompt;
    if (typeof prompt !== 'string' || prompt.trim() === '') {
      throw new BadRequestException({ detail: 'prompt must not be empty' });
    }
    return this.parsed.run(key, () => Promise.resolve(parsePrompt(prompt)));
  }

  @Post('style-analysis/analyze')
  @HttpCode(200)
  async analyze(
    @Req() request: FastifyRequest,
    @Headers('idempotency-key') key?: string,
  ): Promise<StyleFeatures> {
    if (!request.isMultipart())
      throw new BadRequestException({ detail: 'expected multipart/form-data with a file field' });
    const part = await request.file();
    if (!part || part.fieldname !== 'file')
      throw new BadRequestException({ detail: 'file is required' });
    const bytes = await part.toBuffer();
    return this.analysed.run(key, () =>
      this.renderer.analyze(bytes).catch((error: unknown) => {
        if (error instanceof InvalidAudioError) {
          throw new UnprocessableEntityException({
            detail: `could not decode audio: ${error.message}`,
          });
        }
        throw error;
      }),
    );
  }

  @Post('sound-generation/generate')
  @HttpCode(200)
  generate(@Body() body: unknown, @Headers('idempotency-key') key?: string) {
    const { prompt_spec: spec, style_features: style } = (body ?? {}) as {
      prompt_spec?: Partial<PromptSpec>;
      style_features?: Partial<StyleFeatures> | null;
    };
    if (typeof spec !== 'object' || spec === null)
      throw new BadRequestException({ detail: 'prompt_spec is required' });
    const request = compositionRequest(spec, style ?? null, {
      // A new job is a new take; the same call again (same key) is the same take.
      seed: seedOf(key ?? JSON.stringify(body)),
      seconds: this.config.embeddedTrackSeconds,
    });
    return this.generated.run(key, async () => {
      const score = compose(request);
      const id = `job_${randomBytes(6).toString('hex')}`;
      const dir = join(this.config.artifactsDir, 'stems');
      await mkdir(dir, { recursive: true });
      const files = await Promise.all(
        request.instruments.map(async (instrument) => {
          const path = join(dir, `${id}_${instrument.replace(/[^\w-]/g, '_')}.wav`);
          await writeFile(path, await this.renderer.renderStem(score, instrument));
          return [instrument, path] as const;
        }),
      );
      return { job_id: id, stems: Object.fromEntries(files) };
    });
  }

  @Post('mixing-mastering/process')
  @HttpCode(200)
  process(@Body() body: unknown, @Headers('idempotency-key') key?: string) {
    const paths = (body as { stem_paths?: unknown } | undefined)?.stem_paths;
    if (!Array.isArray(paths) || paths.length === 0 || !paths.every((p) => typeof p === 'string')) {
      throw new BadRequestException({ detail: 'stem_paths must be a non-empty list of paths' });
    }
    const absolutes = paths.map((path, index) => this.insideArtifacts(path, index));
    return this.mastered.run(key, async () => {
      const stems = await Promise.all(
        absolutes.map((absolute, index) => this.readStem(absolute, paths[index], index)),
      );
      const master = await this.renderer.mixAndMaster(stems, paths).catch((error: unknown) => {
        if (error instanceof InvalidStemError) {
          throw new UnprocessableEntityException({
            detail: `stem_paths[${error.index}] "${paths[error.index]}" is not a WAV file: ${error.message}`,
          });
        }
        throw error;
      });
      const dir = join(this.config.artifactsDir, 'output');
      await mkdir(dir, { recursive: true });
      const name =
        paths[0]
          .split('/')
          .pop()
          ?.replace(/_[^_]*\.wav$/, '') ?? `job_${randomBytes(6).toString('hex')}`;
      const output = join(dir, `${name}_master.wav`);
      await writeFile(output, master);
      return { output_path: output, message: 'Mixing and mastering complete.' };
    });
  }

  /** This embedded service may read only the shared volume, never any file of the host. */
  private insideArtifacts(path: string, index: number): string {
    const absolute = resolve(this.config.artifactsDir, path);
    const rel = relative(this.config.artifactsDir, absolute);
    if (rel === '' || rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) {
      throw new BadRequestException({
        detail: `stem_paths[${index}] "${path}" is outside the shared artifacts volume (ARTIFACTS_DIR)`,
      });
    }
    return absolute;
  }

  private readStem(absolute: string, path: string, index: number): Promise<Buffer> {
    return readFile(absolute).catch(() => {
      throw new UnprocessableEntityException({
        detail: `stem_paths[${index}] "${path}" cannot be read`,
      });
    });
  }
}
