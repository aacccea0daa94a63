import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { freePort, waitUntilReady } from '../src/processes';

describe('starting service processes on free ports', () => {
  it('hands out ports below the kernel’s ephemeral range, each one free to listen on', async () => {
    const ports = await Promise.all(Array.from({ length: 20 }, () => freePort()));
    for (const port of ports) expect(port >= 20_000 && port < 32_000).toBe(true);
  });

  describe('when another process already answers on the port', () => {
    let other: Server;
    let child: ChildProcess;
    let port: number;
    beforeAll(async () => {
      port = await freePort();
      // Someone else's service, ready on the port our process was meant to take.
      other = createServer((_request, response) => response.end('{"status":"ready"}'));
      await new Promise<void>((listening) => other.listen(port, '127.0.0.1', listening));
      child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)'], { stdio: 'ignore' });
    });
    afterAll(async () => {
      child.kill();
      await new Promise((closed) => other.close(closed));
    });

    it('refuses to take its answer for our process’s', async () => {
      await expect(waitUntilReady(`http://127.0.0.1:${port}`, child, () => '', 5_000)).rejects.toThrow(
        `another process answers on http://127.0.0.1:${port}`,
      );
    });
  });
});
