import { Controller, Get, NotFoundException, Param, Res } from '@nestjs/common';
import {
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { AppConfig } from '../config/app-config';
import { ErrorResponseDto } from '../jobs/dto/job-responses.dto';
import { ArtifactUrls } from './artifact-urls';

const CONTENT_TYPES: Record<string, string> = {
  '.wav': 'audio/wav',
  '.mp3': 'audio/mpeg',
  '.flac': 'audio/flac',
  '.ogg': 'audio/ogg',
  '.json': 'application/json',
};

/** Serves final tracks and stems from ARTIFACTS_DIR; nothing outside it. */
@ApiTags('artifacts')
@Controller('artifacts')
export class ArtifactsController {
  constructor(
    private readonly config: AppConfig,
    private readonly urls: ArtifactUrls,
  ) {}

  @Get('*')
  @ApiOperation({ summary: 'Download a track or stem (final_track_url points here)' })
  @ApiProduces('audio/wav')
  @ApiOkResponse({ description: 'The file.' })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  async download(@Param('*') path: string | string[], @Res() reply: FastifyReply): Promise<void> {
    const requested = Array.isArray(path) ? path.join('/') : path;
    const rel = this.urls.relativeToArtifacts(requested);
    if (rel === undefined) throw new NotFoundException({ detail: 'Artifact not found' });
    const file = join(this.config.artifactsDir, rel);
    const info = await stat(file).catch(() => undefined);
    if (!info?.isFile()) throw new NotFoundException({ detail: 'Artifact not found' });
    await reply
      .header(
        'content-type',
        CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
      )
      .header('content-length', info.size)
      .send(createReadStream(file));
  }
}
