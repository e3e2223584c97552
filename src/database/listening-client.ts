import { Logger } from '@nestjs/common';
import { Client, type ClientConfig } from 'pg';

const logger = new Logger('Database');

/**
 * pg's Client, listening for its own `error` event from the moment it is made. pg-pool
 * listens to a client only while it is idle in the pool, a query running on it gets its
 * connection's errors, and a TypeORM query runner attaches its listener a microtask after
 * the pool hands it the client. When the server ends a connection just as a query on it
 * completes (`pg_terminate_backend`, a restart), the query's last message and the
 * server's FATAL can come in one read: the pool hands the client on between the two, and
 * the error goes to nobody, which ends the process (the fault suite's pg-terminate
 * scenario saw a worker die so). The same holds for any client held between queries. Its
 * holder still hears of it: the next query fails as not queryable, and the pool drops the
 * client when it comes back.
 */
export class ListeningClient extends Client {
  constructor(config?: string | ClientConfig) {
    super(config);
    this.on('error', (error) =>
      logger.debug({ msg: 'PostgreSQL connection lost', err: String(error) }),
    );
  }
}
