import type { Agent } from 'undici';

/** How long a closing process lets calls still in flight finish before it drops them. */
export const AGENT_CLOSE_GRACE_MS = 2_000;

/**
 * Closes a connection pool: calls in flight get `graceMs` to finish, then their sockets
 * are destroyed, so a hung downstream call cannot hold up a process's shutdown. The
 * worker has aborted its own calls by then; this bounds whatever else is still open.
 */
export async function closeAgent(agent: Agent, graceMs = AGENT_CLOSE_GRACE_MS): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const grace = new Promise<'late'>((resolve) => {
    timer = setTimeout(() => resolve('late'), graceMs);
  });
  try {
    const closed = await Promise.race([agent.close().then(() => 'closed' as const), grace]);
    if (closed === 'late') await agent.destroy();
  } finally {
    clearTimeout(timer);
  }
}
