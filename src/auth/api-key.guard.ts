import { CanActivate, ExecutionContext, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { ApiKeyCache } from './api-key-cache';
import { IS_PUBLIC } from './public.decorator';
import { LOCAL_PRINCIPAL, Principal } from './principal';

export type AuthenticatedRequest = FastifyRequest & { principal?: Principal };

/**
 * The key a request carries: `Authorization: Bearer <key>`, `X-API-Key: <key>`, or the
 * password of HTTP Basic auth (how a browser sends it to the queue dashboard).
 */
export function presentedKey(request: FastifyRequest): string | undefined {
  const auth = request.headers.authorization;
  if (typeof auth === 'string' && /^bearer\s+/i.test(auth))
    return auth.replace(/^bearer\s+/i, '').trim();
  if (typeof auth === 'string' && /^basic\s+/i.test(auth)) {
    const decoded = Buffer.from(auth.replace(/^basic\s+/i, ''), 'base64').toString('utf8');
    const password = decoded.slice(decoded.indexOf(':') + 1).trim();
    return password === '' ? undefined : password;
  }
  const header = request.headers['x-api-key'];
  return typeof header === 'string' && header.trim() !== '' ? header.trim() : undefined;
}

export function isLoopback(ip: string): boolean {
  return ip === '::1' || ip.startsWith('127.') || ip.startsWith('::ffff:127.');
}

/**
 * Headers a reverse proxy adds for the client behind it. A proxy on this host connects from
 * loopback, so without them loopback-only mode would serve whoever reaches the proxy.
 */
const PROXY_HEADERS = ['forwarded', 'x-forwarded-for', 'x-real-ip'] as const;

export function proxyHeaderOf(request: FastifyRequest): string | undefined {
  return PROXY_HEADERS.find((name) => request.headers[name] !== undefined);
}

/**
 * Resolves who is calling. With keys configured, every non-public route needs a valid
 * one; with none, only loopback clients that did not come through a proxy are let in (as a
 * local admin).
 */
@Injectable()
export class Authenticator {
  constructor(private readonly keys: ApiKeyCache) {}

  async authenticate(request: FastifyRequest): Promise<Principal> {
    if (!(await this.keys.keysConfigured())) {
      const proxyHeader = proxyHeaderOf(request);
      if (proxyHeader !== undefined) {
        throw new UnauthorizedException({
          detail: `No API keys are configured on this server, so it serves loopback clients only, and this request came through a proxy (${proxyHeader} header). Create a key with npm run apikey:create to serve clients behind a proxy.`,
        });
      }
      if (isLoopback(request.ip)) return LOCAL_PRINCIPAL;
      throw new UnauthorizedException({
        detail: 'No API keys are configured on this server; only loopback clients are accepted',
      });
    }
    const key = presentedKey(request);
    if (!key) {
      throw new UnauthorizedException({
        detail: 'API key required: send Authorization: Bearer <key> or X-API-Key',
      });
    }
    const principal = await this.keys.principalFor(key);
    if (!principal) throw new UnauthorizedException({ detail: 'Invalid API key' });
    return principal;
  }
}

@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly authenticator: Authenticator,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (isPublic) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    // Requests with a body were authenticated before it was read (authenticateBeforeBody).
    request.principal ??= await this.authenticator.authenticate(request);
    return true;
  }
}
