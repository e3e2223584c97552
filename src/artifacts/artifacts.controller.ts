import { Controller, Get, NotFoundException, Param, Req, Res } from '@nestjs/common';
import {
  ApiHeader,
  ApiNotFoundResponse,
  ApiNotModifiedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiPartialContentResponse,
  ApiPreconditionFailedResponse,
  ApiRequestedRangeNotSatisfiableResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ErrorResponseDto } from '../jobs/dto/job-responses.dto';
import { ArtifactFiles } from './artifact-files';

/** What a download documents; error answers stay JSON `{detail}`. */
const AUDIO = { 'audio/wav': { schema: { type: 'string', format: 'binary' } } };

/** Serves final tracks and stems from ARTIFACTS_DIR; nothing outside it. HEAD is served too. */
@ApiTags('artifacts')
@Controller('artifacts')
export class ArtifactsController {
  constructor(private readonly files: ArtifactFiles) {}

  @Get('*')
  @ApiOperation({
    summary: 'Download a track or stem (final_track_url points here)',
    description:
      'Supports `HEAD`, a single byte range (`Range: bytes=0-1023`, `bytes=1000-`, `bytes=-500`; answered 206 with `Content-Range`), `If-Range`, and conditional requests with `ETag` / `Last-Modified`. A request for several ranges gets the whole file (200).',
  })
  @ApiHeader({ name: 'Range', required: false, example: 'bytes=0-1023' })
  @ApiParam({
    name: 'path',
    type: String,
    description: 'Path of the file inside ARTIFACTS_DIR, as in `final_track_url`.',
    example: 'output/job_3f9c2a1b7d4e_master.wav',
  })
  @ApiOkResponse({
    description: 'The whole file; `Accept-Ranges: bytes`.',
    content: AUDIO,
  })
  @ApiPartialContentResponse({
    description: 'The requested range, with `Content-Range`.',
    content: AUDIO,
  })
  @ApiRequestedRangeNotSatisfiableResponse({
    type: ErrorResponseDto,
    description: 'The range starts past the end; `Content-Range: bytes */<size>`.',
  })
  @ApiNotModifiedResponse({ description: 'If-None-Match or If-Modified-Since matched.' })
  @ApiPreconditionFailedResponse({ type: ErrorResponseDto, description: 'If-Match did not match.' })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'No such file in ARTIFACTS_DIR.' })
  async download(
    @Param('*') path: string | string[],
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const requested = Array.isArray(path) ? path.join('/') : path;
    const download = await this.files.open(requested, req.raw);
    switch (download.kind) {
      case 'file':
        await reply.status(download.statusCode).headers(download.headers).send(download.body);
        return;
      case 'not-modified':
        await reply.status(304).headers(download.headers).send();
        return;
      case 'range-not-satisfiable':
        await reply
          .status(416)
          .header('content-range', download.contentRange)
          .send({ detail: `Range not satisfiable: the file has ${download.size} bytes` });
        return;
      case 'precondition-failed':
        await reply.status(412).send({ detail: 'Precondition failed' });
        return;
      case 'not-found':
        throw new NotFoundException({ detail: 'Artifact not found' });
    }
  }
}
