import { Module } from '@nestjs/common';
import { ReferenceServicesController } from './reference-services.controller';

/** The embedded prompt parser, style analysis, sound generation and mixing services. */
@Module({ controllers: [ReferenceServicesController] })
export class ReferenceServicesModule {}
