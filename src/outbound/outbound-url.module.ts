import { Global, Module } from '@nestjs/common';
import { OutboundUrlGuard } from './outbound-url-guard';

/** The SSRF guard, for every module that calls a URL a user gave us. */
@Global()
@Module({ providers: [OutboundUrlGuard], exports: [OutboundUrlGuard] })
export class OutboundUrlModule {}
