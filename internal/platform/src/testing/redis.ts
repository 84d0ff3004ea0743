import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { connect } from 'node:net';
import { freePort } from './postgres.ts';

/**
 * A real Redis server for tests: `redis-server` on a free loopback port, nothing persisted. Fails
 * loudly (never skips) when the binary is missing. `stop()` kills it the hard way, the way a
 * crashed Redis disappears; `start()` brings it back, empty, on the same port (what a client that
 * reconnects sees after a Redis restart).
 */
export interface RedisServer {
  /** redis://127.0.0.1:PORT */
  url: string;
  port: number;
  running(): boolean;
  /** Starts it again on the same port (after stop()). */
  start(): Promise<void>;
  stop(): Promise<void>;
  /**
   * Freezes it (SIGSTOP): connections stay open but nothing answers — a hung Redis or a network
   * partition, the case where only client-side timeouts bound the wait. resume() thaws it.
   */
  pause(): void;
  resume(): void;
}

function redisBinary(): string {
  const found = spawnSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' }).stdout.trim();
  if (!found) throw new Error('redis-server was not found: install it (apt-get install redis-server) — tests never skip Redis');
  return found;
}

/** Resolves once the port accepts a connection and answers PING; rejects after timeoutMs. */
async function waitForPing(port: number, child: ChildProcess, output: () => string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`redis-server exited with ${child.exitCode}: ${output()}`);
    const answered = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.setTimeout(500, () => socket.destroy());
      socket.once('error', () => resolve(false));
      socket.once('close', () => resolve(false));
      socket.once('connect', () => socket.write('PING\r\n'));
      socket.once('data', (data) => {
        resolve(data.toString().startsWith('+PONG'));
        socket.destroy();
      });
    });
    if (answered) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`redis-server did not answer on port ${port} within ${timeoutMs} ms: ${output()}`);
}

export async function startRedis(): Promise<RedisServer> {
  const binary = redisBinary();
  const port = await freePort();
  let child: ChildProcess | undefined;
  // A test run that dies must not leave a server behind.
  const killOnExit = () => child?.kill('SIGKILL');
  process.once('exit', killOnExit);
  const server: RedisServer = {
    url: `redis://127.0.0.1:${port}`,
    port,
    running: () => child !== undefined && child.exitCode === null && child.signalCode === null,
    async start() {
      if (server.running()) throw new Error('redis-server is already running');
      let output = '';
      child = spawn(binary, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--daemonize', 'no'], { stdio: ['ignore', 'pipe', 'pipe'] });
      child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
      child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
      await waitForPing(port, child, () => output);
    },
    pause() {
      if (!server.running()) throw new Error('redis-server is not running');
      child!.kill('SIGSTOP');
    },
    resume() {
      if (!server.running()) throw new Error('redis-server is not running');
      child!.kill('SIGCONT');
    },
    async stop() {
      const running = child;
      if (!running || !server.running()) return;
      const exited = new Promise((resolve) => running.once('exit', resolve));
      running.kill('SIGKILL');
      await exited;
    },
  };
  await server.start();
  return server;
}
