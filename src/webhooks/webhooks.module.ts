import { Module } from '@nestjs/common';
import { WebhookDeliveriesRepository } from './webhook-deliveries.repository';
import { WebhooksController } from './webhooks.controller';
import { WebhooksService } from './webhooks.service';

/** The API to inspect a job's webhook deliveries (API role). */
@Module({
  controllers: [WebhooksController],
  providers: [WebhookDeliveriesRepository, WebhooksService],
})
export class WebhooksModule {}
