import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ApiKeyCache } from './api-key-cache';
import { ApiKeyGuard, Authenticator } from './api-key.guard';
import { ApiKeysRepository } from './api-keys.repository';
import { CreateRateLimiter } from './create-rate-limiter';

@Global()
@Module({
  providers: [
    ApiKeysRepository,
    ApiKeyCache,
    Authenticator,
    CreateRateLimiter,
    { provide: APP_GUARD, useClass: ApiKeyGuard },
  ],
  exports: [Authenticator, CreateRateLimiter, ApiKeyCache],
})
export class AuthModule {}
