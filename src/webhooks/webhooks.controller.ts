import { Controller, Get, Param } from '@nestjs/common';
import {
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentPrincipal, ownerScope, Principal } from '../auth/principal';
import { ErrorResponseDto } from '../jobs/dto/job-responses.dto';
import { JobWebhooksDto } from './dto/job-webhooks.dto';
import { WebhooksService } from './webhooks.service';

const DELIVERY_DOC = [
  'Every event of a job created with a `webhook_url` is POSTed there as JSON, signed per [Standard Webhooks](https://www.standardwebhooks.com):',
  '',
  '```http',
  'POST /hooks/tracks HTTP/1.1',
  'content-type: application/json',
  'webhook-id: msg_1049',
  'webhook-timestamp: 1795000000',
  'webhook-signature: v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4=',
  '',
  '{"type":"job.status","timestamp":"2026-11-24T10:00:31.500Z","data":{"job_id":"5b1f7a52-3c1e-4f51-9a53-9f0d7c1f2a10","status":"SUCCESS"}}',
  '```',
  '',
  "`webhook-signature` is `v1,` + base64 of HMAC-SHA256 over `{webhook-id}.{webhook-timestamp}.{raw body}`, keyed with the base64-decoded part of the server's `WEBHOOK_SECRET` after `whsec_`; any Standard Webhooks library verifies it. Answer 2xx within 5 s; anything else is retried with backoff (same `webhook-id`, fresh timestamp and signature), 410 stops retries. Deliveries are not ordered and may repeat: order by the number in `webhook-id` and drop ids already seen.",
].join('\n');

@ApiTags('webhooks')
@Controller()
export class WebhooksController {
  constructor(private readonly webhooks: WebhooksService) {}

  @Get('jobs/:job_id/webhooks')
  @ApiOperation({
    summary: "A job's webhook deliveries and their attempts",
    description: DELIVERY_DOC,
  })
  @ApiParam({ name: 'job_id', format: 'uuid', example: '5b1f7a52-3c1e-4f51-9a53-9f0d7c1f2a10' })
  @ApiOkResponse({ type: JobWebhooksDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: '`{"detail": "Job not found"}`' })
  list(
    @Param('job_id') jobId: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<JobWebhooksDto> {
    return this.webhooks.listForJob(jobId, ownerScope(principal));
  }
}
