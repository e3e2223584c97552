import { Controller, Get, Header } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/public.decorator';
import { Metrics } from './metrics';

@ApiTags('health')
@Public()
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: Metrics) {}

  @Get()
  @Header('content-type', 'text/plain; version=0.0.4; charset=utf-8')
  @ApiOperation({
    summary: 'Prometheus metrics',
    description:
      'Jobs created and finished by status, step duration histograms and attempts by step and outcome, queue waiting/active/delayed, HTTP request durations, webhook delivery outcomes, and the process defaults.',
  })
  @ApiProduces('text/plain')
  @ApiOkResponse({ schema: { type: 'string', example: 'orchestrator_jobs_created_total 42\n' } })
  scrape(): Promise<string> {
    return this.metrics.registry.metrics();
  }
}
