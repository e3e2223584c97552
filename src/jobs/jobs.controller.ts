import {
  Body,
  Controller,
  Delete,
  Get,
  Headers,
  HttpCode,
  Param,
  Post,
  Query,
  Req,
  Res,
  UseGuards,
} from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiNoContentResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiPayloadTooLargeResponse,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnprocessableEntityResponse,
  ApiUnsupportedMediaTypeResponse,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ArtifactLinks } from '../artifacts/artifact-links';
import { CurrentPrincipal, ownerScope, Principal } from '../auth/principal';
import { JsonBodyGuard } from '../http/json-body.guard';
import { requestOrigin } from '../http/request-origin';
import { CreateTrackDto } from './dto/create-track.dto';
import { CreateTrackResponseDto, ErrorResponseDto, JobResponseDto } from './dto/job-responses.dto';
import { parseIdempotencyKey } from './idempotency-key';
import { JobListResponseDto, ListJobsQueryDto } from './dto/list-jobs.dto';
import { toJobResponse, toJobSummary } from './job-view';
import type { JobRecord } from './jobs.repository';
import { JobsService } from './jobs.service';

@ApiTags('jobs')
@Controller()
export class JobsController {
  constructor(
    private readonly jobs: JobsService,
    private readonly links: ArtifactLinks,
  ) {}

  /** The job as its caller sees it: links signed for them when API keys are in use. */
  private async view(job: JobRecord, req: FastifyRequest): Promise<JobResponseDto> {
    const origin = requestOrigin(req);
    return toJobResponse(job, origin, await this.links.signerFor(origin));
  }

  @Post('create-track')
  @HttpCode(202)
  @UseGuards(JsonBodyGuard)
  @ApiOperation({
    summary: 'Queue a new track',
    description:
      'Stores the job and queues it; poll `GET /jobs/{job_id}` for progress. With an `Idempotency-Key`, a repeat of the same request returns the first job (200) instead of creating another.',
  })
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'Up to 255 printable characters.',
    example: 'order-42',
  })
  @ApiAcceptedResponse({ type: CreateTrackResponseDto, description: 'Job created and queued.' })
  @ApiOkResponse({
    type: CreateTrackResponseDto,
    description: 'Replay of an earlier request with the same Idempotency-Key.',
  })
  @ApiBadRequestResponse({
    type: ErrorResponseDto,
    description: 'A field is missing or malformed; `detail` names it.',
  })
  @ApiPayloadTooLargeResponse({ type: ErrorResponseDto, description: 'Body over 64 KiB.' })
  @ApiUnsupportedMediaTypeResponse({
    type: ErrorResponseDto,
    description: 'Body is not application/json.',
  })
  @ApiUnprocessableEntityResponse({
    type: ErrorResponseDto,
    description: 'Idempotency-Key reused with a different body.',
  })
  @ApiTooManyRequestsResponse({
    type: ErrorResponseDto,
    description:
      'The key has used its RATE_LIMIT_CREATE_PER_MINUTE creates and retries; `Retry-After` says when to try again.',
  })
  async createTrack(
    @Body() body: CreateTrackDto,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
    @CurrentPrincipal() principal: Principal,
  ): Promise<CreateTrackResponseDto> {
    const created = await this.jobs.create(
      body,
      parseIdempotencyKey(idempotencyKey),
      principal.name,
    );
    if (created.replayed) {
      const job = await this.jobs.get(created.jobId);
      reply.status(200);
      return {
        job_id: job.id,
        status: job.status,
        details: 'Job already exists for this Idempotency-Key.',
      };
    }
    return {
      job_id: created.jobId,
      status: 'PENDING' as CreateTrackResponseDto['status'],
      details: 'Job has been queued.',
    };
  }

  @Get('jobs')
  @ApiOperation({
    summary: 'List and search jobs',
    description:
      'Newest first, one page at a time: pass `next_cursor` back as `cursor` (with the same filters) until it is null. A key sees only its own jobs; an admin key sees all. Each item is the job as `GET /jobs/{job_id}` shows it, without `steps`.',
  })
  @ApiOkResponse({ type: JobListResponseDto })
  @ApiBadRequestResponse({
    type: ErrorResponseDto,
    description:
      'A parameter is malformed (unknown status, limit outside 1-100, bad date, forged cursor); `detail` names it.',
  })
  async listJobs(
    @Query() query: ListJobsQueryDto,
    @Req() req: FastifyRequest,
    @CurrentPrincipal() principal: Principal,
  ): Promise<JobListResponseDto> {
    const page = await this.jobs.list(query, ownerScope(principal));
    const origin = requestOrigin(req);
    const sign = await this.links.signerFor(origin);
    return {
      items: page.jobs.map((job) => toJobSummary(job, origin, sign)),
      next_cursor: page.nextCursor,
    };
  }

  @Get('jobs/:job_id')
  @ApiOperation({ summary: 'Status, result and steps of one job' })
  @ApiOkResponse({ type: JobResponseDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: '`{"detail": "Job not found"}`' })
  async getJob(
    @Param('job_id') jobId: string,
    @Req() req: FastifyRequest,
    @CurrentPrincipal() principal: Principal,
  ): Promise<JobResponseDto> {
    return this.view(await this.jobs.get(jobId, ownerScope(principal)), req);
  }

  @Post('jobs/:job_id/cancel')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Cancel a job',
    description:
      'A waiting job ends CANCELLED at once. A running job has its in-flight service call aborted and ends CANCELLED within about two seconds; no later step runs.',
  })
  @ApiAcceptedResponse({
    type: JobResponseDto,
    description: 'Cancelled, or cancel requested and under way.',
  })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  @ApiConflictResponse({
    type: ErrorResponseDto,
    description: 'The job already finished; `detail` gives its status.',
  })
  async cancel(
    @Param('job_id') jobId: string,
    @Req() req: FastifyRequest,
    @CurrentPrincipal() principal: Principal,
  ): Promise<JobResponseDto> {
    return this.view(await this.jobs.cancel(jobId, ownerScope(principal)), req);
  }

  @Post('jobs/:job_id/retry')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Run a failed or cancelled job again',
    description:
      'Resumes from the first step that did not complete; completed steps are not called again. Counts against the create rate limit of the key that asks.',
  })
  @ApiAcceptedResponse({ type: JobResponseDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  @ApiConflictResponse({
    type: ErrorResponseDto,
    description: 'The job is not FAILURE or CANCELLED.',
  })
  @ApiTooManyRequestsResponse({
    type: ErrorResponseDto,
    description:
      'A retry counts as a create: the key has used its RATE_LIMIT_CREATE_PER_MINUTE; `Retry-After` says when to try again.',
  })
  async retry(
    @Param('job_id') jobId: string,
    @Req() req: FastifyRequest,
    @CurrentPrincipal() principal: Principal,
  ): Promise<JobResponseDto> {
    return this.view(await this.jobs.retry(jobId, principal.name, ownerScope(principal)), req);
  }

  @Delete('jobs/:job_id')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Delete a finished job',
    description:
      'Removes a SUCCESS, FAILURE or CANCELLED job for good: its steps, events and pending webhook deliveries, and its stems and final track in ARTIFACTS_DIR (their links answer 404 from then on). A running job must be cancelled first.',
  })
  @ApiNoContentResponse({ description: 'Deleted.' })
  @ApiBadRequestResponse({ type: ErrorResponseDto, description: 'The id is not a UUID.' })
  @ApiNotFoundResponse({
    type: ErrorResponseDto,
    description: "No such job (or another key's job, or already deleted).",
  })
  @ApiConflictResponse({
    type: ErrorResponseDto,
    description: 'The job is PENDING or PROCESSING; `status` gives which. Nothing was deleted.',
  })
  async deleteJob(
    @Param('job_id') jobId: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<void> {
    await this.jobs.delete(jobId, ownerScope(principal));
  }
}
