import { Agent, request } from 'node:http';
import { expect } from 'chai';
import { listen, type Listening } from '../src/http.ts';

/**
 * The graceful stop every process (gateway and subgraphs) gets from `listen()`: new connections
 * refused, requests on connections already open still served with `Connection: close`, in-flight
 * requests finished, and cut only at the deadline.
 */
interface Reply {
  status: number;
  connection: string | undefined;
  body: string;
}

function get(port: number, path: string, agent: Agent | false): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, agent }, (res) => {
      let body = '';
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode!, connection: res.headers.connection, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('listen(): graceful close', function () {
  this.timeout(20_000);
  let server: Listening;
  // `/slow/N` answers after N ms; anything else at once.
  beforeEach(async () => {
    server = await listen((req, res) => {
      const ms = Number(/^\/slow\/(\d+)/.exec(req.url ?? '')?.[1] ?? 0);
      setTimeout(() => res.writeHead(200, { 'content-type': 'text/plain' }).end(`done ${req.url}`), ms);
    }, 0);
  });
  afterEach(async () => {
    await server.close({ deadlineMs: 100 });
  });

  it('serves a request arriving on an open keep-alive connection and the one in flight (both with Connection: close), then refuses new connections', async () => {
    const keepAlive = new Agent({ keepAlive: true, maxSockets: 1 });
    expect(await get(server.port, '/first', keepAlive)).to.deep.equal({ status: 200, connection: 'keep-alive', body: 'done /first' });
    const inFlight = get(server.port, '/slow/300', false);
    await new Promise((r) => setTimeout(r, 50));
    const closed = server.close({ deadlineMs: 5_000 });
    // Sent on the kept-alive connection right after the stop began.
    const onOpenConnection = get(server.port, '/second', keepAlive);
    expect(await onOpenConnection).to.deep.equal({ status: 200, connection: 'close', body: 'done /second' });
    expect(await inFlight).to.deep.equal({ status: 200, connection: 'close', body: 'done /slow/300' });
    await closed;
    const refused = await get(server.port, '/late', false).then(
      () => 'answered',
      (e: NodeJS.ErrnoException) => e.code,
    );
    expect(refused).to.equal('ECONNREFUSED');
    keepAlive.destroy();
  });

  it('cuts a request still running at the deadline', async () => {
    const pending = get(server.port, '/slow/5000', false).then(
      (r) => r.status,
      (e: NodeJS.ErrnoException) => e.code,
    );
    await new Promise((r) => setTimeout(r, 50));
    const started = Date.now();
    await server.close({ deadlineMs: 200 });
    expect(Date.now() - started).to.be.within(150, 1_500);
    expect(await pending).to.equal('ECONNRESET');
  });

  it('closes at once when nothing is connected', async () => {
    const started = Date.now();
    await server.close();
    expect(Date.now() - started).to.be.lessThan(500);
  });
});
