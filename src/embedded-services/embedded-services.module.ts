import { Module } from '@nestjs/common';
import { EmbeddedServicesController } from './embedded-services.controller';

/** The embedded prompt parser, style analysis, sound generation and mixing services. */
@Module({ controllers: [EmbeddedServicesController] })
export class EmbeddedServicesModule {}
