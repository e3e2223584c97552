import { Controller, Get, NotFoundException, Param, Req, Res, UseGuards } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiNotModifiedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiPartialContentResponse,
  ApiPreconditionFailedResponse,
  ApiQuery,
  ApiRequestedRangeNotSatisfiableResponse,
  ApiSecurity,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { API_KEY_SCHEME, BEARER_SCHEME } from '../auth/openapi-security';
import { Public } from '../auth/public.decorator';
import { ErrorResponseDto } from '../jobs/dto/job-responses.dto';
import { ArtifactAccessGuard } from './artifact-access.guard';
import { ArtifactFiles } from './artifact-files';

/** What a download documents; error answers stay JSON `{detail}`. */
const AUDIO = { 'audio/wav': { schema: { type: 'string', format: 'binary' } } };

/**
 * Serves final tracks and stems from ARTIFACTS_DIR; nothing outside it. HEAD is served too.
 * Not behind the global key guard: a signed link needs no key (see ArtifactAccessGuard).
 */
@ApiTags('artifacts')
@Public()
@UseGuards(ArtifactAccessGuard)
@Controller('artifacts')
export class ArtifactsController {
  constructor(private readonly files: ArtifactFiles) {}

  @Get('*')
  @ApiOperation({
    summary: 'Download a track or stem (final_track_url points here)',
    description:
      "With API keys configured, send the link as the API gave it (`final_track_url`, `GET /jobs/{job_id}/artifacts`): it is signed with `expires` and `signature` and needs no header, so `<audio src>` works; it stays valid for at least `ARTIFACT_URL_TTL_SECONDS` (1 h by default). Without a signature, the key of the job's owner or an admin key is needed. Without keys on the server, loopback clients download freely.\n\nSupports `HEAD`, a single byte range (`Range: bytes=0-1023`, `bytes=1000-`, `bytes=-500`; answered 206 with `Content-Range`), `If-Range`, and conditional requests with `ETag` / `Last-Modified`. A request for several ranges gets the whole file (200).",
  })
  @ApiHeader({ name: 'Range', required: false, example: 'bytes=0-1023' })
  @ApiQuery({
    name: 'expires',
    required: false,
    description: 'Of a signed link: Unix time (seconds) after which it is refused.',
    example: '1795010400',
  })
  @ApiQuery({
    name: 'signature',
    required: false,
    description: 'Of a signed link: base64url HMAC-SHA256 of the file path and `expires`.',
    example: 'pQ2lq7WkZr0Zt3f8vR7yq1uV8m0Xx0c7N3kq3aYH0bE',
  })
  // A signed link needs no key (the empty requirement); without one a key is needed.
  @ApiSecurity({})
  @ApiSecurity(API_KEY_SCHEME)
  @ApiBearerAuth(BEARER_SCHEME)
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
  @ApiUnauthorizedResponse({
    type: ErrorResponseDto,
    description: 'No signature and no valid API key (or, without keys, a client not on loopback).',
  })
  @ApiForbiddenResponse({
    type: ErrorResponseDto,
    description: 'The signature is invalid, or the link expired; get a fresh one from the API.',
  })
  @ApiNotFoundResponse({
    type: ErrorResponseDto,
    description: "No such file in ARTIFACTS_DIR, or a file of another key's job.",
  })
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
