import {
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
  Param,
  Post,
  Req,
  Res,
  UseGuards,
} from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiPayloadTooLargeResponse,
  ApiTags,
  ApiUnprocessableEntityResponse,
  ApiUnsupportedMediaTypeResponse,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CurrentPrincipal, ownerScope, Principal } from '../auth/principal';
import { JsonBodyGuard } from '../http/json-body.guard';
import { requestOrigin } from '../http/request-origin';
import { CreateTrackDto } from './dto/create-track.dto';
import { CreateTrackResponseDto, ErrorResponseDto, JobResponseDto } from './dto/job-responses.dto';
import { parseIdempotencyKey } from './idempotency-key';
import { toJobResponse } from './job-view';
import { JobsService } from './jobs.service';

@ApiTags('jobs')
@Controller()
export class JobsController {
  constructor(private readonly jobs: JobsService) {}

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

  @Get('jobs/:job_id')
  @ApiOperation({ summary: 'Status, result and steps of one job' })
  @ApiOkResponse({ type: JobResponseDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: '`{"detail": "Job not found"}`' })
  async getJob(
    @Param('job_id') jobId: string,
    @Req() req: FastifyRequest,
    @CurrentPrincipal() principal: Principal,
  ): Promise<JobResponseDto> {
    return toJobResponse(await this.jobs.get(jobId, ownerScope(principal)), requestOrigin(req));
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
    return toJobResponse(await this.jobs.cancel(jobId, ownerScope(principal)), requestOrigin(req));
  }

  @Post('jobs/:job_id/retry')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Run a failed or cancelled job again',
    description:
      'Resumes from the first step that did not complete; completed steps are not called again.',
  })
  @ApiAcceptedResponse({ type: JobResponseDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  @ApiConflictResponse({
    type: ErrorResponseDto,
    description: 'The job is not FAILURE or CANCELLED.',
  })
  async retry(
    @Param('job_id') jobId: string,
    @Req() req: FastifyRequest,
    @CurrentPrincipal() principal: Principal,
  ): Promise<JobResponseDto> {
    return toJobResponse(await this.jobs.retry(jobId, ownerScope(principal)), requestOrigin(req));
  }
}
