import { Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { JobsDataModule } from '../jobs/jobs-data.module';
import { WebhookDeliveriesRepository } from './webhook-deliveries.repository';
import { WebhookDispatcher } from './webhook-dispatcher';
import { WebhookSecretRequiredInterceptor } from './webhook-secret-required.interceptor';
import { WebhookSender } from './webhook-sender';
import { WebhooksController } from './webhooks.controller';
import { WebhooksService } from './webhooks.service';

/**
 * Webhook deliveries: the API to inspect them, the dispatcher that sends them (worker role),
 * and the refusal of `webhook_url` on a server without WEBHOOK_SECRET.
 */
@Module({
  imports: [JobsDataModule],
  controllers: [WebhooksController],
  providers: [
    WebhookDeliveriesRepository,
    WebhookSender,
    WebhookDispatcher,
    WebhooksService,
    { provide: APP_INTERCEPTOR, useClass: WebhookSecretRequiredInterceptor },
  ],
})
export class WebhooksModule {}
