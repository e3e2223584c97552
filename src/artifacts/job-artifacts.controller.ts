import { Controller, Get, Param, Req } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { CurrentPrincipal, ownerScope, Principal } from '../auth/principal';
import { requestOrigin } from '../http/request-origin';
import { ErrorResponseDto } from '../jobs/dto/job-responses.dto';
import { ArtifactLinks } from './artifact-links';
import { absoluteUrl } from './artifact-urls';
import { JobArtifactsResponseDto } from './dto/job-artifacts.dto';
import { JobArtifactsService } from './job-artifacts.service';

@ApiTags('artifacts')
@Controller()
export class JobArtifactsController {
  constructor(
    private readonly artifacts: JobArtifactsService,
    private readonly links: ArtifactLinks,
  ) {}

  @Get('jobs/:job_id/artifacts')
  @ApiOperation({
    summary: 'Stems and final track of one job',
    description:
      'Every stem from sound generation and the mastered track, with download URL, size and content type. A job of another API key is not found. With API keys configured, the URLs of files served here are signed (`expires`, `signature`) so a browser can play them without a header.',
  })
  @ApiOkResponse({ type: JobArtifactsResponseDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: '`{"detail": "Job not found"}`' })
  async list(
    @Param('job_id') jobId: string,
    @Req() req: FastifyRequest,
    @CurrentPrincipal() principal: Principal,
  ): Promise<JobArtifactsResponseDto> {
    const listed = await this.artifacts.list(jobId, ownerScope(principal));
    const origin = requestOrigin(req);
    const sign = await this.links.signerFor(origin);
    return {
      job_id: listed.jobId,
      status: listed.status,
      artifacts: listed.artifacts.map((artifact) => ({
        kind: artifact.kind,
        name: artifact.name,
        instrument: artifact.instrument,
        url: sign(absoluteUrl(artifact.url, origin)),
        size_bytes: artifact.sizeBytes,
        content_type: artifact.contentType,
      })),
    };
  }
}
