import { Logger } from '@nestjs/common';
import { Client, type ClientConfig } from 'pg';

const logger = new Logger('Database');

/**
 * pg's Client, listening for its own `error` event from the moment it is made. pg-pool
 * listens only while a client is idle in the pool, and a query running on a client gets
 * the error of its connection; a client checked out between two queries whose connection
 * the server ends (a restart, `pg_terminate_backend`, an idle timeout) would emit the
 * error to nobody, and Node would end the process. The holder still hears of it: the
 * client's next query fails as not queryable, and the pool drops it when it comes back.
 */
export class ListeningClient extends Client {
  constructor(config?: string | ClientConfig) {
    super(config);
    this.on('error', (error) =>
      logger.debug({ msg: 'PostgreSQL connection lost', err: String(error) }),
    );
  }
}
