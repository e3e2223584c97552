import assert from 'node:assert/strict';
import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { Agent, request } from 'undici';
import { closeAgent } from './close-agent';

describe('closeAgent', () => {
  let server: Server;
  let base = '';
  let dropped = 0;
  let hangArrived: () => void = () => undefined;

  before(async () => {
    server = createServer((req, res) => {
      if (req.url === '/hang') {
        req.socket.on('close', () => dropped++);
        hangArrived();
        return; // never answers
      }
      res.end('ok');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  after(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('lets a finished pool close gracefully', async () => {
    const agent = new Agent();
    const res = await request(`${base}/fast`, { dispatcher: agent });
    assert.equal(await res.body.text(), 'ok');
    await closeAgent(agent, 60_000);
    assert.equal(agent.closed, true);
  });

  it('drops a call that hangs once the grace has passed', async () => {
    const agent = new Agent();
    const arrived = new Promise<void>((resolve) => (hangArrived = resolve));
    const call = request(`${base}/hang`, { dispatcher: agent }).then(
      () => 'answered',
      (error: unknown) => (error instanceof Error ? error.name : 'failed'),
    );
    await arrived; // the call is in flight when the pool closes
    await closeAgent(agent, 50);
    assert.equal(agent.destroyed, true);
    assert.notEqual(await call, 'answered'); // it failed rather than hanging on
    while (dropped === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    assert.equal(dropped, 1);
  });
});
