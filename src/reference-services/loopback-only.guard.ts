import { CanActivate, ExecutionContext, ForbiddenException, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { isLoopback } from '../auth/api-key.guard';

/**
 * The embedded services are for this host's own workers: they need no API key, and no
 * other host may use them.
 */
@Injectable()
export class LoopbackOnlyGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    if (!isLoopback(request.ip))
      throw new ForbiddenException({ detail: 'Embedded services accept loopback clients only' });
    return true;
  }
}
