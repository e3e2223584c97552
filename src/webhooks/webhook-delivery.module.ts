import { Module } from '@nestjs/common';
import { WebhookDeliveriesRepository } from './webhook-deliveries.repository';
import { WebhookDispatcher } from './webhook-dispatcher';
import { WebhookSender } from './webhook-sender';

/** The dispatcher that sends the webhook outbox (worker role). */
@Module({ providers: [WebhookDeliveriesRepository, WebhookSender, WebhookDispatcher] })
export class WebhookDeliveryModule {}
