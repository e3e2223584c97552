import { BadRequestException } from '@nestjs/common';
import type { Server } from 'node:http';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';

/** Deeper JSON than this is refused: no request of this API nests beyond a few levels. */
export const JSON_MAX_DEPTH = 32;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;

/**
 * Whether a JSON text nests objects and arrays deeper than `maxDepth`, by one pass over its
 * characters (brackets inside strings do not count). Malformed text is left to the parser.
 */
export function nestsDeeperThan(text: string, maxDepth: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) inString = false;
    } else if (c === QUOTE) {
      inString = true;
    } else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      if (++depth > maxDepth) return true;
    } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
      depth--;
    }
  }
  return false;
}

/**
 * Fastify's own JSON parser (which refuses `__proto__` and `constructor.prototype` keys),
 * behind a depth check: a body of thousands of nested arrays parses in microseconds but
 * overflows the stack of class-transformer later, so it is refused with a 400 before it is
 * parsed, let alone transformed.
 */
export function useJsonBodyParser(app: NestFastifyApplication, bodyLimit: number): void {
  const parse = app.getHttpAdapter().getInstance().getDefaultJsonParser('error', 'error');
  app.useBodyParser<Server>('application/json', { bodyLimit }, (request, body, done) => {
    const text = body.toString('utf8');
    if (nestsDeeperThan(text, JSON_MAX_DEPTH)) {
      done(
        new BadRequestException({
          detail: `JSON body nests objects and arrays deeper than ${JSON_MAX_DEPTH} levels`,
        }),
        undefined,
      );
      return;
    }
    void parse(request, text, done);
  });
}
