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
 * Headers a reverse proxy, CDN or load balancer adds for the client behind it: the
 * standard ones, the `X-Forwarded-*` family, and the vendors' `*-Client-IP` and
 * `*-Connecting-IP`. A proxy on this host connects from loopback, so without them
 * loopback-only mode would serve whoever reaches the proxy. A proxy that adds none cannot
 * be told from a local client: loopback-only mode must not sit behind one.
 */
const PROXY_HEADERS = new Set([
  'via',
  'forwarded',
  'forwarded-for',
  'client-ip',
  'x-real-ip',
  'x-original-host',
  'x-originating-ip',
  'x-remote-ip',
  'x-remote-addr',
  'x-proxyuser-ip',
  'x-envoy-external-address',
  'x-azure-clientip',
  'x-azure-socketip',
]);
const PROXY_HEADER_PATTERNS = [
  /^x-forwarded(?:-|$)/, // -for, -host, -proto, -port, -server, -prefix, -by, and bare
  /^x-original-forwarded-/,
  /-client-ip$/, // true-, x-, x-cluster-, fastly-, akamai-...
  /-connecting-ip(?:v6)?$/, // cf-connecting-ip, cf-connecting-ipv6
  /-user-ip$/, // x-appengine-user-ip
];

export function proxyHeaderOf(request: FastifyRequest): string | undefined {
  return Object.keys(request.headers).find(
    (name) =>
      request.headers[name] !== undefined &&
      (PROXY_HEADERS.has(name) || PROXY_HEADER_PATTERNS.some((pattern) => pattern.test(name))),
  );
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
