import { InjectQueue } from '@nestjs/bull';
import { Controller, Get } from '@nestjs/common';
import {
  ApiOkResponse,
  ApiOperation,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import {
  HealthCheck,
  HealthCheckResult,
  HealthCheckService,
  HealthIndicatorService,
  TypeOrmHealthIndicator,
} from '@nestjs/terminus';
import type { Queue } from 'bull';
import { Public } from '../auth/public.decorator';
import { PIPELINE_QUEUE } from '../pipeline/pipeline.constants';

const CHECK_TIMEOUT_MS = 1_500;

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    private readonly database: TypeOrmHealthIndicator,
    @InjectQueue(PIPELINE_QUEUE) private readonly queue: Queue,
  ) {}

  @Get('live')
  @ApiOperation({ summary: 'Liveness: the process is up and serving' })
  @ApiOkResponse({ schema: { example: { status: 'ok' } } })
  live(): { status: string } {
    return { status: 'ok' };
  }

  @Get('ready')
  @HealthCheck()
  @ApiOperation({ summary: 'Readiness: PostgreSQL, Redis and the queue answer within 1.5 s each' })
  @ApiOkResponse({
    schema: {
      example: {
        status: 'ok',
        info: {
          postgres: { status: 'up' },
          redis: { status: 'up' },
          queue: { status: 'up', waiting: 0, active: 2, delayed: 1 },
        },
        error: {},
        details: {},
      },
    },
  })
  @ApiServiceUnavailableResponse({
    schema: {
      example: { status: 'error', error: { redis: { status: 'down', message: 'Timeout' } } },
    },
  })
  ready(): Promise<HealthCheckResult> {
    return this.health.check([
      () => this.database.pingCheck('postgres').withTimeout(CHECK_TIMEOUT_MS),
      () =>
        this.indicators
          .check('redis')
          .attempt(async () => {
            if (this.queue.client.status !== 'ready')
              throw new Error(`connection ${this.queue.client.status}`);
            await this.queue.client.ping();
          })
          .withTimeout(CHECK_TIMEOUT_MS),
      () =>
        this.indicators
          .check('queue')
          .attempt(async () => {
            if (this.queue.client.status !== 'ready') throw new Error('queue unreachable');
            const counts = await this.queue.getJobCounts();
            return { waiting: counts.waiting, active: counts.active, delayed: counts.delayed };
          })
          .withTimeout(CHECK_TIMEOUT_MS),
    ]);
  }
}
