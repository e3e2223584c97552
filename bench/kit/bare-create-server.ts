import { randomUUID } from 'node:crypto';
import { createServer, IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Pool } from 'pg';
import type Bull from 'bull';
import { barePool, bareQueue } from './bare-connections';
import { BARE_CREATE_QUEUE, INSERT_JOB } from './bare-schema';
import { onStopRequest } from './kit-process';

/**
 * The least a create endpoint can do: read the JSON body, INSERT the job row, add the Bull
 * job (its id the row's), answer 202. No framework, no validation, no auth: the ceiling
 * POST /create-track is held to.
 */

function handler(pool: Pool, queue: Bull.Queue) {
  return (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const create = async () => {
        const { prompt, input } = JSON.parse(Buffer.concat(chunks).toString()) as {
          prompt: string;
          input?: unknown;
        };
        const id = randomUUID();
        await pool.query(INSERT_JOB, [id, prompt, JSON.stringify(input ?? {})]);
        await queue.add({ jobId: id }, { jobId: id });
        return JSON.stringify({ job_id: id, status: 'PENDING' });
      };
      create().then(
        (body) =>
          res
            .writeHead(202, {
              'content-type': 'application/json',
              'content-length': Buffer.byteLength(body),
            })
            .end(body),
        (error: unknown) => res.writeHead(500).end(String(error)),
      );
    });
  };
}

async function serve(): Promise<void> {
  const pool = await barePool(process.env);
  const queue = await bareQueue(process.env, BARE_CREATE_QUEUE);
  const server = createServer(handler(pool, queue));
  server.keepAliveTimeout = 65_000;
  server.listen(0, '127.0.0.1', () => {
    process.send?.({ ready: true, port: (server.address() as AddressInfo).port });
  });
  onStopRequest(async () => {
    server.closeAllConnections();
    server.close();
    await queue.close();
    await pool.end();
  });
}

if (require.main === module && process.argv.includes('--serve')) {
  serve().catch((error: unknown) => {
    process.stderr.write(`bare create server: ${String(error)}\n`);
    process.exit(1);
  });
}
