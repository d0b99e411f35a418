import { BlockList, isIP } from 'node:net';

/**
 * Where a webhook may be delivered (SSRF): never to the platform's own networks. An endpoint URL is
 * checked when it is registered and every address its host resolves to again right before each
 * delivery, which then connects to the address checked (a DNS answer that changes in between —
 * rebinding — cannot move it to a private address).
 */

/**
 * Address ranges no delivery may reach, one list per family: node's `BlockList` matches IPv4
 * addresses against IPv4-mapped IPv6 rules, so the IPv6 rules (which refuse every mapped address)
 * live in a list of their own.
 */
const FORBIDDEN_V4 = /* @__PURE__ */ (() => {
  const list = new BlockList();
  for (const [network, prefix] of [
    ['0.0.0.0', 8], // "this" network
    ['10.0.0.0', 8], ['172.16.0.0', 12], ['192.168.0.0', 16], // private (RFC 1918)
    ['100.64.0.0', 10], // carrier-grade NAT (RFC 6598)
    ['127.0.0.0', 8], // loopback
    ['169.254.0.0', 16], // link-local, the instance metadata service 169.254.169.254 among them
    ['192.0.0.0', 24], ['192.0.2.0', 24], ['198.18.0.0', 15], ['198.51.100.0', 24], ['203.0.113.0', 24], // protocol assignments, benchmarking, documentation
    ['224.0.0.0', 4], ['240.0.0.0', 4], // multicast, reserved and broadcast
  ] as const) list.addSubnet(network, prefix, 'ipv4');
  return list;
})();

const FORBIDDEN_V6 = /* @__PURE__ */ (() => {
  const list = new BlockList();
  for (const [network, prefix] of [
    ['::', 128], ['::1', 128], // unspecified, loopback
    ['::ffff:0:0', 96], // IPv4-mapped: an IPv4 address in IPv6 clothes
    ['64:ff9b::', 96], ['2002::', 16], // NAT64 and 6to4: IPv4 addresses inside
    ['fc00::', 7], // unique local, the metadata service fd00:ec2::254 among them
    ['fe80::', 10], // link-local
    ['ff00::', 8], // multicast
    ['2001:db8::', 32], // documentation
  ] as const) list.addSubnet(network, prefix, 'ipv6');
  return list;
})();

/** Loopback addresses, which the local stack may allow so that tests can receive deliveries. */
const LOOPBACK = /* @__PURE__ */ (() => {
  const list = new BlockList();
  list.addSubnet('127.0.0.0', 8, 'ipv4');
  list.addAddress('::1', 'ipv6');
  return list;
})();

/** Whether a delivery may connect to this IP address; `allowLoopback` only where a setting says so (the local stack). */
export function isDeliverableAddress(address: string, allowLoopback = false): boolean {
  const family = isIP(address);
  if (family === 0) return false;
  const type = family === 4 ? 'ipv4' : 'ipv6';
  if (allowLoopback && LOOPBACK.check(address, type)) return true;
  return !(family === 4 ? FORBIDDEN_V4 : FORBIDDEN_V6).check(address, type);
}

/** Why an endpoint URL is refused, or `undefined` when its form is acceptable (its addresses are checked apart). */
export function endpointUrlProblem(url: string, allowLoopback = false): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'Not a URL';
  }
  if (parsed.username || parsed.password) return 'A URL with credentials in it';
  const loopbackHttp = allowLoopback && parsed.protocol === 'http:' && ['127.0.0.1', '[::1]', 'localhost'].includes(parsed.hostname);
  if (parsed.protocol !== 'https:' && !loopbackHttp) return 'Only https:// endpoints';
  const literal = parsed.hostname.replace(/^\[|\]$/g, '');
  if (isIP(literal) && !isDeliverableAddress(literal, allowLoopback)) return 'A private, loopback, link-local or metadata address';
  return undefined;
}
