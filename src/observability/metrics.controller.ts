import { Controller, Get, Header, UseGuards } from '@nestjs/common';
import {
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import { AdminOnlyGuard } from '../auth/admin-only.guard';
import { ErrorResponseDto } from '../jobs/dto/job-responses.dto';
import { Metrics } from './metrics';

@ApiTags('health')
@UseGuards(AdminOnlyGuard)
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: Metrics) {}

  @Get()
  @Header('content-type', 'text/plain; version=0.0.4; charset=utf-8')
  @ApiOperation({
    summary: 'Prometheus metrics (admin key)',
    description:
      'Jobs created and finished by status, step duration histograms and attempts by step and outcome, queue waiting/active/delayed, HTTP request durations, webhook delivery outcomes, and the process defaults. With API keys configured it needs an admin key; Prometheus sends it with `authorization: {type: Bearer, credentials: <key>}` in the scrape config.',
  })
  @ApiProduces('text/plain')
  @ApiOkResponse({ schema: { type: 'string', example: 'orchestrator_jobs_created_total 42\n' } })
  @ApiForbiddenResponse({
    type: ErrorResponseDto,
    description: '`{"detail": "This route needs an admin API key"}`',
  })
  scrape(): Promise<string> {
    return this.metrics.registry.metrics();
  }
}
