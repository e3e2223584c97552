import { BadRequestException, Injectable } from '@nestjs/common';
import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import { isIP, type LookupFunction } from 'node:net';
import { buildConnector } from 'undici';
import { AppConfig } from '../config/app-config';
import { classifyAddress, normalizeAddress } from './outbound-address-ranges';
import type { OutboundAllowlist } from './outbound-allowlist';

/** A resolver that hangs must not hold a create request for long. */
const RESOLVE_TIMEOUT_MS = 5_000;
/** Ports a connector keeps a connector for; a URL rarely names more than a few. */
const CONNECTORS_PER_GUARD_MAX = 32;

/** An outbound URL the server refuses to call; `field` is the request field it came from. */
export class OutboundUrlRefusedError extends Error {
  readonly code = 'EOUTBOUNDREFUSED';

  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
    this.name = 'OutboundUrlRefusedError';
  }
}

/** The refusal behind a failed request, if that is why it failed (undici wraps socket errors). */
export function findOutboundRefusal(error: unknown): OutboundUrlRefusedError | undefined {
  if (error instanceof OutboundUrlRefusedError) return error;
  const cause = (error as { cause?: unknown } | undefined)?.cause;
  return cause instanceof OutboundUrlRefusedError ? cause : undefined;
}

/** For URLs from a request: a refusal becomes a 400 that names the field; anything else is rethrown. */
export function refusalAsBadRequest(error: unknown): never {
  if (error instanceof OutboundUrlRefusedError) {
    throw new BadRequestException({
      detail: error.message,
      errors: [{ field: error.field, message: error.message }],
    });
  }
  throw error;
}

/**
 * Why a host with these addresses must not be called on `port`, or undefined when it may
 * be: every address must be public, unless the host or that address is in the allow-list
 * for that port (a check without a port counts the any-port entries only).
 */
export function refusalReason(
  label: string,
  hostname: string,
  addresses: string[],
  allowlist: OutboundAllowlist,
  port?: number,
): string | undefined {
  if (allowlist.allowsHost(hostname, port)) return undefined;
  for (const address of addresses) {
    const category = classifyAddress(address);
    if (category && !allowlist.allowsAddress(address, port)) {
      const article = /^[aeiou]/.test(category) ? 'an' : 'a';
      const where = port !== undefined && allowlist.hasPortEntries ? ` on port ${port}` : '';
      return `${label} resolves to ${article} ${category} address (${normalizeAddress(address)})${where} and is not in OUTBOUND_URL_ALLOWLIST`;
    }
  }
  return undefined;
}

function resolveAll(hostname: string, options: LookupOptions = {}): Promise<LookupAddress[]> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(Object.assign(new Error('DNS lookup timed out'), { code: 'ETIMEOUT' })),
      RESOLVE_TIMEOUT_MS,
    );
    dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
      clearTimeout(timer);
      if (error) reject(error);
      else resolve(addresses);
    });
  });
}

/**
 * Server-side request forgery guard for URLs that users give us (webhook and reference
 * track URLs). Checked when the URL is accepted, and again when the socket connects, so a
 * name that later resolves to an internal address (DNS rebinding) is still refused.
 */
@Injectable()
export class OutboundUrlGuard {
  private readonly allowlist: OutboundAllowlist;

  constructor(config: AppConfig) {
    this.allowlist = config.outboundUrlAllowlist;
  }

  /** Resolves the URL's host (every address) and throws `OutboundUrlRefusedError` if it is not allowed. */
  async assertAllowed(url: string, field: string): Promise<void> {
    const { hostname, port } = targetOf(url, field);
    if (this.allowlist.allowsHost(hostname, port)) return;
    if (isIP(hostname) !== 0) {
      this.assertAddresses(field, field, hostname, [hostname], port);
      return;
    }
    let addresses: LookupAddress[];
    try {
      addresses = await resolveAll(hostname);
    } catch (error) {
      const code = (error as { code?: string }).code ?? 'error';
      throw new OutboundUrlRefusedError(
        field,
        `${field} host "${hostname}" could not be resolved (${code})`,
      );
    }
    this.assertAddresses(
      field,
      field,
      hostname,
      addresses.map((a) => a.address),
      port,
    );
  }

  /**
   * Checks an address literal without DNS: for the connect-time path, where the socket
   * skips `lookup` for an IP host.
   */
  assertLiteralAllowed(url: string, field: string): void {
    const { hostname, port } = targetOf(url, field);
    if (isIP(hostname) !== 0) this.assertAddresses(field, field, hostname, [hostname], port);
  }

  /**
   * An undici connector whose every socket, redirects included, goes only where this guard
   * allows, for the port it dials: a host name is resolved through `connectLookup`, and an
   * address literal, which `net.connect` dials without any lookup, is checked before
   * connecting. `net.connect` tells a lookup no port, so each port gets its own connector
   * (a few, kept in a small map; each keeps its TLS sessions).
   */
  connector(label: string, timeoutMs: number): buildConnector.connector {
    const byPort = new Map<number, buildConnector.connector>();
    const connectorFor = (port: number): buildConnector.connector => {
      let connect = byPort.get(port);
      if (connect === undefined) {
        if (byPort.size >= CONNECTORS_PER_GUARD_MAX) byPort.clear();
        connect = buildConnector({ timeout: timeoutMs, lookup: this.connectLookup(label, port) });
        byPort.set(port, connect);
      }
      return connect;
    };
    return (options, callback) => {
      const hostname = normalizeAddress(options.hostname);
      const port = Number(options.port) || defaultPort(options.protocol);
      const reason =
        isIP(hostname) === 0
          ? undefined
          : refusalReason(
              `${label} host "${hostname}"`,
              hostname,
              [hostname],
              this.allowlist,
              port,
            );
      if (reason) {
        callback(new OutboundUrlRefusedError(label, reason), null);
        return;
      }
      connectorFor(port)(options, callback);
    };
  }

  /**
   * A `dns.lookup` replacement for `net.connect` / undici's `connect.lookup`, for a socket
   * to `port`: it connects only to addresses this guard allows, whatever the name resolves
   * to by then. Without a port only the allow-list's any-port entries count.
   */
  connectLookup(label: string, port?: number): LookupFunction {
    return (hostname, options, callback) => {
      resolveAll(hostname, options)
        .then((addresses) => {
          this.assertAddresses(
            label,
            `${label} host "${hostname}"`,
            hostname,
            addresses.map((a) => a.address),
            port,
          );
          if (options.all) callback(null, addresses);
          else callback(null, addresses[0].address, addresses[0].family);
        })
        .catch((error: NodeJS.ErrnoException) => callback(error, '', 0));
    };
  }

  private assertAddresses(
    field: string,
    label: string,
    hostname: string,
    addresses: string[],
    port?: number,
  ): void {
    const reason = refusalReason(label, hostname, addresses, this.allowlist, port);
    if (reason) throw new OutboundUrlRefusedError(field, reason);
  }
}

/** The host and the port a URL's connection goes to (the scheme's default when it names none). */
function targetOf(url: string, field: string): { hostname: string; port: number } {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new OutboundUrlRefusedError(field, `${field} must be an absolute http(s) URL`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new OutboundUrlRefusedError(field, `${field} must be an absolute http(s) URL`);
  }
  // WHATWG URL has already turned 0x7f.1 or 2130706433 into 127.0.0.1.
  return {
    hostname: normalizeAddress(parsed.hostname),
    port: Number(parsed.port) || defaultPort(parsed.protocol),
  };
}

function defaultPort(protocol: string): number {
  return protocol === 'https:' ? 443 : 80;
}
