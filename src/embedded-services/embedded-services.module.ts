import { Module } from '@nestjs/common';
import { EmbeddedServicesController } from './embedded-services.controller';
import { EmbeddedRenderer } from './render/embedded-renderer';

/** The embedded prompt parser, style analysis, sound generation and mixing services. */
@Module({ controllers: [EmbeddedServicesController], providers: [EmbeddedRenderer] })
export class EmbeddedServicesModule {}
