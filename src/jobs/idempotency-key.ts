import { BadRequestException } from '@nestjs/common';

/** Validates the optional `Idempotency-Key` header: 1-255 printable ASCII characters. */
export function parseIdempotencyKey(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (!/^[\x21-\x7e]{1,255}$/.test(value)) {
    throw new BadRequestException({
      detail: 'Idempotency-Key must be 1-255 printable ASCII characters without spaces',
    });
  }
  return value;
}
