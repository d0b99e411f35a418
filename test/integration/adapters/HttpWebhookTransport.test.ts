import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HttpWebhookTransport } from '../../../shared/adapters/http/HttpWebhookTransport';

let server: Server;
let port = 0;
let hits = 0;

beforeAll(async () => {
  server = createServer((_request, response) => {
    hits += 1;
    response.writeHead(204).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

describe('HttpWebhookTransport (SSRF at delivery)', () => {
  it('never connects to loopback when loopback is not allowed, whether the URL names the address or a host resolving to it', async () => {
    const transport = new HttpWebhookTransport(false);

    expect(await transport.post(`http://127.0.0.1:${port}/hooks`, {}, '{}')).toMatchObject({ status: null, error: 'address_refused' });
    expect(await transport.post(`http://localhost:${port}/hooks`, {}, '{}')).toMatchObject({ status: null, error: 'address_refused' });
    expect(await transport.resolvesSafely(`https://localhost:${port}/hooks`)).toBe(false);
    expect(await transport.resolvesSafely('https://no-such-host.invalid/')).toBe(false);
    expect(hits).toBe(0);
  });

  it('delivers to loopback where the local setting allows it, with the receiver\'s status and a latency', async () => {
    const transport = new HttpWebhookTransport(true);

    const result = await transport.post(`http://localhost:${port}/hooks`, { 'content-type': 'application/json' }, '{}');

    expect(result).toMatchObject({ status: 204 });
    expect(result.latencyMs).toBeGreaterThanOrEqual(0);
    expect(hits).toBe(1);
  });
});
