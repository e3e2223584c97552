import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppConfig, ConfigError } from './config/app-config';
import { createApp, listen } from './create-app';
import { startBanner } from './observability/start-banner';
import { PipelineWorker } from './pipeline/pipeline.worker';

function readConfig(): AppConfig {
  try {
    return new AppConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(78);
    }
    throw error;
  }
}

/**
 * SIGTERM/SIGINT: stop accepting connections and let in-flight requests finish while the
 * worker drains (finishing or handing back its steps), then close every connection.
 */
function handleShutdown(app: NestFastifyApplication, config: AppConfig): void {
  const logger = new Logger('Shutdown');
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.log({ msg: `${signal} received; shutting down`, grace_ms: config.shutdownGraceMs });
    const deadline = setTimeout(() => {
      logger.error({ msg: 'Shutdown did not finish in time; exiting' });
      process.exit(1);
    }, config.shutdownGraceMs + 15_000);
    deadline.unref();
    const server = app.getHttpAdapter().getInstance();
    Promise.all([config.runsWorker ? app.get(PipelineWorker).drain() : undefined, server.close()])
      .then(() => app.close())
      .then(() => process.exit(0))
      .catch((error: unknown) => {
        logger.error({ msg: 'Shutdown failed', err: String(error) });
        process.exit(1);
      });
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
}

async function bootstrap(): Promise<void> {
  const config = readConfig();
  const app = await createApp(config);
  handleShutdown(app, config);
  const url = await listen(app, config);
  if (config.logFormat === 'pretty') process.stdout.write(startBanner(config, url));
}

bootstrap().catch((error: unknown) => {
  new Logger('Bootstrap').error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
