import { isIPv6 } from 'node:net';
import type { Request } from 'express';

/**
 * The address rate limits count a client by: Express's `req.ip` (the socket's address, or the one a
 * trusted proxy forwarded, see TRUST_PROXY). An IPv4 address mapped into IPv6 counts as itself; an
 * IPv6 address by its /64 network, since one subscriber usually holds a whole /64.
 */
export function clientAddress(req: Pick<Request, 'ip'> | undefined): string {
  const ip = req?.ip ?? '';
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped) return mapped[1];
  if (!isIPv6(ip)) return ip || 'unknown';
  return `${expandIPv6(ip).slice(0, 4).join(':')}::/64`;
}

/** The eight groups of an IPv6 address (`::` filled in), lower case, without leading zeros. */
function expandIPv6(ip: string): string[] {
  const [head, tail] = ip.split('%')[0].split('::');
  const left = head ? head.split(':') : [];
  const right = tail !== undefined && tail !== '' ? tail.split(':') : [];
  const zeros = tail === undefined ? [] : Array<string>(8 - left.length - right.length).fill('0');
  return [...left, ...zeros, ...right].map((g) => (parseInt(g, 16) || 0).toString(16));
}
