import { Module } from '@nestjs/common';
import { JobsDataModule } from '../jobs/jobs-data.module';
import { WebhookDeliveriesRepository } from './webhook-deliveries.repository';
import { WebhookDispatcher } from './webhook-dispatcher';
import { WebhookSender } from './webhook-sender';
import { WebhooksController } from './webhooks.controller';
import { WebhooksService } from './webhooks.service';

/** Webhook deliveries: the API to inspect them, and the dispatcher that sends them (worker role). */
@Module({
  imports: [JobsDataModule],
  controllers: [WebhooksController],
  providers: [WebhookDeliveriesRepository, WebhookSender, WebhookDispatcher, WebhooksService],
})
export class WebhooksModule {}
