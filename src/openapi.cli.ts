import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppModule } from './app.module';
import { AppConfig } from './config/app-config';
import { buildOpenApiDocument } from './create-app';

/** Where the checked-in document lives: the project root (this file runs from dist/src). */
export const OPENAPI_FILE = join(__dirname, '..', '..', 'openapi.json');

/** The document as served at /docs-json, in the checked-in file's layout. */
export function serializeOpenApi(document: unknown): string {
  return `${JSON.stringify(document, null, 2)}\n`;
}

/**
 * `npm run openapi`: writes the OpenAPI document to openapi.json. The application graph is
 * built in preview mode (no provider runs), so no database or Redis is needed.
 */
async function main(): Promise<void> {
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot(new AppConfig({})),
    new FastifyAdapter(),
    { preview: true, logger: false },
  );
  writeFileSync(OPENAPI_FILE, serializeOpenApi(buildOpenApiDocument(app)));
  await app.close();
  process.stdout.write(`Wrote ${OPENAPI_FILE}\n`);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  });
}
