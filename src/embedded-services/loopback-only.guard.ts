import { CanActivate, ExecutionContext, ForbiddenException, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { isLoopback, proxyHeaderOf } from '../auth/api-key.guard';

/**
 * Whether a connection comes from this host: from loopback, or from the very address it
 * reached. The second is how the orchestrator calls its own embedded services when `HOST`
 * is one of this machine's non-loopback addresses; the kernel picks that address as the
 * source, and no other host can open a TCP connection from it.
 */
export function isFromThisHost(
  remoteAddress: string | undefined,
  localAddress: string | undefined,
): boolean {
  if (!remoteAddress) return false;
  if (isLoopback(remoteAddress)) return true;
  return localAddress !== undefined && unmapped(remoteAddress) === unmapped(localAddress);
}

/** `::ffff:192.0.2.2` (IPv4 on a dual-stack socket) is `192.0.2.2`; IPv6 is compared lower-case. */
function unmapped(address: string): string {
  const lower = address.toLowerCase();
  return lower.startsWith('::ffff:') && lower.includes('.') ? lower.slice(7) : lower;
}

/**
 * Why a request may not use the embedded services, or undefined when it may. They are for
 * this host's own workers: they need no API key, and no other host may use them, not even
 * through a reverse proxy on this host (which connects from loopback but says whom it
 * forwards for).
 */
export function embeddedServicesRefusal(request: FastifyRequest): string | undefined {
  const socket = request.raw.socket;
  const proxyHeader = proxyHeaderOf(request);
  if (proxyHeader !== undefined)
    return `Embedded services accept clients on this host only; this request came through a proxy (${proxyHeader} header)`;
  if (!isFromThisHost(socket.remoteAddress ?? request.ip, socket.localAddress))
    return 'Embedded services accept clients on this host only';
  return undefined;
}

@Injectable()
export class LoopbackOnlyGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const refusal = embeddedServicesRefusal(context.switchToHttp().getRequest<FastifyRequest>());
    if (refusal !== undefined) throw new ForbiddenException({ detail: refusal });
    return true;
  }
}
