import {
  BadRequestException,
  CallHandler,
  ExecutionContext,
  Injectable,
  NestInterceptor,
} from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { Observable } from 'rxjs';
import { AppConfig } from '../config/app-config';

export const NO_WEBHOOK_SECRET_MESSAGE =
  'webhook_url cannot be used: this server has no WEBHOOK_SECRET configured, so no receiver could verify its deliveries';

/**
 * Refuses a request that asks for webhooks (`webhook_url` in its JSON body) when the
 * server has no WEBHOOK_SECRET: a delivery signed with a key nobody knows is worth nothing,
 * and a job accepted with one would promise notifications that never verify. Runs after
 * the key guard, so a caller without a key still gets 401.
 */
@Injectable()
export class WebhookSecretRequiredInterceptor implements NestInterceptor {
  constructor(private readonly config: AppConfig) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (this.config.webhookKey !== undefined || context.getType() !== 'http') return next.handle();
    const body = context.switchToHttp().getRequest<FastifyRequest>().body;
    const webhookUrl =
      typeof body === 'object' && body !== null
        ? (body as { webhook_url?: unknown }).webhook_url
        : undefined;
    if (webhookUrl !== undefined && webhookUrl !== null) {
      throw new BadRequestException({
        detail: NO_WEBHOOK_SECRET_MESSAGE,
        errors: [{ field: 'webhook_url', message: NO_WEBHOOK_SECRET_MESSAGE }],
      });
    }
    return next.handle();
  }
}
