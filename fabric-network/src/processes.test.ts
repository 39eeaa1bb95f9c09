import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { assertPortsFree, isPortFree, NodeStartError } from './processes.ts';

async function listenOnFreePort(): Promise<{ server: net.Server; port: number }> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen({ host: '127.0.0.1', port: 0 }, resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return { server, port: address.port };
}

describe('port checks before a node starts', () => {
  it('reports a port in use by number and owner, not as a stack trace', async () => {
    const { server, port } = await listenOnFreePort();
    try {
      expect(await isPortFree(port)).toBe(false);
      const attempt = assertPortsFree('peer0.test', [port]);
      await expect(attempt).rejects.toBeInstanceOf(NodeStartError);
      // This test process is the owner, so ss names its pid.
      await expect(attempt).rejects.toThrow(
        new RegExp(`peer0\\.test cannot start: port ${String(port)} is already in use by pid ${String(process.pid)}`),
      );
    } finally {
      server.close();
    }
  });

  it('accepts free ports', async () => {
    const { server, port } = await listenOnFreePort();
    await new Promise<void>((resolve) =>
      server.close(() => {
        resolve();
      }),
    );
    await expect(assertPortsFree('peer0.test', [port])).resolves.toBeUndefined();
  });
});
