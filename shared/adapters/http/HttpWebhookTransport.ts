import { lookup } from 'node:dns/promises';
import type { LookupFunction } from 'node:net';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP } from 'node:net';
import { isDeliverableAddress } from '../../domain/webhooks/webhookAddress';
import type { TransportResult, WebhookTransport } from '../../ports/WebhookStore';

/** How long a receiver has to answer (Standard Webhooks' senders allow 15 s or less; a Lambda delivering a batch cannot wait long). */
export const DELIVERY_TIMEOUT_MS = 10_000;

/** Every address a host resolves to (a literal IP is its own). */
async function addressesOf(host: string): Promise<string[]> {
  const bare = host.replace(/^\[|\]$/g, '');
  if (isIP(bare)) return [bare];
  return (await lookup(bare, { all: true, verbatim: true })).map((entry) => entry.address);
}

/**
 * POSTs deliveries over HTTP(S) with node's own client. The connection's DNS lookup is replaced by
 * one that resolves the host, refuses it unless every address is deliverable, and hands the socket
 * the address it checked: what is checked is what is connected to (no DNS rebinding in between).
 */
export class HttpWebhookTransport implements WebhookTransport {
  public constructor(private readonly allowLoopback = false, private readonly timeoutMs = DELIVERY_TIMEOUT_MS) {}

  public async resolvesSafely(url: string): Promise<boolean> {
    try {
      const addresses = await addressesOf(new URL(url).hostname);
      return addresses.length > 0 && addresses.every((address) => isDeliverableAddress(address, this.allowLoopback));
    } catch {
      return false;
    }
  }

  public async post(url: string, headers: Readonly<Record<string, string>>, body: string): Promise<TransportResult> {
    const started = Date.now();
    const target = new URL(url);
    // A literal address is connected to without a lookup: check it here.
    const literal = target.hostname.replace(/^\[|\]$/g, '');
    if (isIP(literal) && !isDeliverableAddress(literal, this.allowLoopback)) return { status: null, latencyMs: 0, error: 'address_refused' };
    let refused = false;
    const checkedLookup: LookupFunction = (hostname, options, callback) => {
      addressesOf(hostname).then((addresses) => {
        const safe = addresses.length > 0 && addresses.every((address) => isDeliverableAddress(address, this.allowLoopback));
        if (!safe) {
          refused = true;
          callback(new Error('address refused'), '', 0);
          return;
        }
        // Every address was checked: the socket may try each (node's happy eyeballs asks for `all`).
        if (options.all) {
          (callback as unknown as (error: null, all: Array<{ address: string; family: number }>) => void)(null, addresses.map((address) => ({ address, family: isIP(address) })));
          return;
        }
        const address = addresses[0]!;
        callback(null, address, isIP(address));
      }, (error: Error) => callback(error, '', 0));
    };
    const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
    return new Promise<TransportResult>((resolve) => {
      const finish = (result: Omit<TransportResult, 'latencyMs'>) => resolve({ ...result, latencyMs: Date.now() - started });
      const request = send(target, {
        method: 'POST',
        headers: { ...headers, 'content-length': String(Buffer.byteLength(body)), 'user-agent': 'partnerdesk-webhooks/1' },
        lookup: checkedLookup,
        timeout: this.timeoutMs,
      }, (response) => {
        response.resume();
        response.on('end', () => finish({ status: response.statusCode ?? null }));
        response.on('error', () => finish({ status: response.statusCode ?? null }));
      });
      request.on('timeout', () => {
        request.destroy();
        finish({ status: null, error: 'timeout' });
      });
      request.on('error', () => finish({ status: null, error: refused ? 'address_refused' : 'connection_failed' }));
      request.end(body);
    });
  }
}
