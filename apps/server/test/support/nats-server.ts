import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TestNatsServer {
  url: string;
  port: number;
  /** The server's process id (a restart changes it). */
  readonly pid: number | undefined;
  /** Stops the server (SIGTERM: it flushes its store) and starts it again on the same port and store. */
  restart(): Promise<void>;
  /** Stops the server and removes its store. */
  close(): Promise<void>;
}

const binary = ['/usr/sbin/nats-server', '/usr/bin/nats-server', '/usr/local/bin/nats-server'].find((path) =>
  existsSync(path),
);

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function launch(port: number, storeDir: string): Promise<ChildProcess> {
  if (!binary) {
    throw new Error(
      'nats-server is not installed (apt-get install nats-server); the JetStream tests need it',
    );
  }
  return new Promise((resolve, reject) => {
    const child = spawn(binary, ['-a', '127.0.0.1', '-p', String(port), '-js', '-sd', storeDir], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let log = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`nats-server did not start within 15 s:\n${log}`));
    }, 15_000);
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
      if (log.length < 20_000) log += chunk;
      if (log.includes('Server is ready')) {
        clearTimeout(timer);
        resolve(child);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`nats-server exited with ${code}:\n${log}`));
    });
  });
}

async function terminate(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

/** A private NATS server with JetStream on a free loopback port and its own store directory. */
export async function startNatsServer(): Promise<TestNatsServer> {
  const port = await freePort();
  const storeDir = await mkdtemp(join(tmpdir(), 'ombud-nats-'));
  let child = await launch(port, storeDir);
  return {
    url: `nats://127.0.0.1:${port}`,
    port,
    get pid() {
      return child.pid;
    },
    async restart() {
      await terminate(child);
      child = await launch(port, storeDir);
    },
    async close() {
      await terminate(child);
      await rm(storeDir, { recursive: true, force: true });
    },
  };
}
