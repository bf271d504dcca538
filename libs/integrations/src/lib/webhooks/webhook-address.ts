import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

/**
 * Where a webhook may not go unless WEBHOOK_ALLOW_PRIVATE (SSRF: an admin must not make our servers call
 * their own network, a cloud metadata address or a database port): loopback, private, link-local,
 * carrier-grade NAT, unspecified and multicast ranges, in IPv4 and IPv6 (IPv4-mapped ones included).
 */
const FORBIDDEN = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.168.0.0', 16],
  ['224.0.0.0', 3],
] as const) {
  FORBIDDEN.addSubnet(net, prefix, 'ipv4');
}
for (const [net, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const)
  FORBIDDEN.addSubnet(net, prefix, 'ipv6');

export function isForbiddenAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return FORBIDDEN.check(address, 'ipv4');
  if (family !== 6) return true;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return mapped ? FORBIDDEN.check(mapped[1]!, 'ipv4') : FORBIDDEN.check(address, 'ipv6');
}

/**
 * Why a URL may not receive webhooks, or null when it may. The host's addresses are looked up now; the
 * check runs again before every attempt, so a name later pointed at a private address is refused then
 * (a resolver answering differently between our check and the request is beyond this simple guard).
 */
export async function refusedAddress(url: string, allowPrivate: boolean): Promise<string | null> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'is not a URL';
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return 'must be an http or https address';
  if (parsed.username || parsed.password) return 'must not carry a user name or password';
  if (allowPrivate) return null;
  const host = parsed.hostname.replace(/^\[|\]$/g, '');
  let addresses: string[];
  try {
    addresses = isIP(host) ? [host] : (await lookup(host, { all: true, verbatim: true })).map((a) => a.address);
  } catch {
    return `its host ${host} could not be resolved`;
  }
  if (addresses.length === 0 || addresses.some(isForbiddenAddress))
    return 'must not point at a loopback, private or link-local address';
  return null;
}

/** The wait before attempt `next` (2, 3, …): base, then doubling, at most an hour. */
export function retryDelayMs(baseMs: number, next: number): number {
  return Math.min(baseMs * 2 ** Math.max(0, next - 2), 3_600_000);
}
