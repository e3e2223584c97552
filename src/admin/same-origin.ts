import type { FastifyRequest } from 'fastify';

/** Methods that change nothing; Bull Board's changes are POST, PUT, PATCH and DELETE. */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Why a state-changing request must be refused as cross-site, or undefined when it may
 * go on. Basic auth is sent by the browser on any request to this server, so a page
 * elsewhere could post a form here (a multipart POST needs no CORS preflight) with the
 * operator's credentials; the browser says where the page is in `Origin` (or, failing
 * that, `Referer`), which a page cannot forge. A request with neither comes from no
 * browser page (curl, a script with the key): it is left to the key check.
 */
export function crossSiteRefusal(
  request: FastifyRequest,
  publicBaseUrl: string | undefined,
): string | undefined {
  if (SAFE_METHODS.has(request.method)) return undefined;
  const origin = single(request.headers.origin);
  const referer = single(request.headers.referer);
  const claimed = origin ?? referer;
  if (claimed === undefined) return undefined;
  const from = originOf(claimed);
  if (from !== undefined && ownOrigins(request, publicBaseUrl).includes(from)) return undefined;
  const shown = claimed.length > 100 ? `${claimed.slice(0, 100)}...` : claimed;
  return `The queue dashboard accepts changes from its own pages only; this ${request.method} came from ${origin !== undefined ? 'Origin' : 'Referer'} "${shown}"`;
}

/**
 * The origins the dashboard's own pages have: the scheme and `Host` of this request (a
 * `Host` the allow-list accepted, or the request was already refused), and the origin of
 * PUBLIC_BASE_URL, which a TLS proxy in front shows the browser.
 */
function ownOrigins(request: FastifyRequest, publicBaseUrl: string | undefined): string[] {
  const own = [originOf(`${request.protocol}://${request.headers.host ?? ''}`)];
  if (publicBaseUrl !== undefined) own.push(originOf(publicBaseUrl));
  return own.filter((origin) => origin !== undefined);
}

/** `https://Example.com:443/x` → `https://example.com`; undefined for `null` and non-URLs. */
function originOf(value: string): string | undefined {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.origin : undefined;
  } catch {
    return undefined;
  }
}

function single(value: string | string[] | undefined): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}
