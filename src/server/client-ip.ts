/**
 * Who is asking, for rate limits: the connection's address by default, a proxy's header only when the
 * site says it sits behind one. A header is never trusted on its own: any client can send one.
 */

/** What the runtime knows about the request's connection. `toNodeListener` fills it in. */
export interface TelegramAuthRequestInfo {
  /**
   * The address of the peer that opened the connection: Node's `req.socket.remoteAddress`, Deno's
   * `info.remoteAddr.hostname`, Bun's `server.requestIP(request)?.address`.
   */
  remoteAddress?: string | undefined;
}

/**
 * The client's address for a request, or undefined to leave the request unlimited (your health checks,
 * a trusted internal service). May be async.
 */
export type ClientIpResolver = (request: Request, info: TelegramAuthRequestInfo) => string | null | undefined | Promise<string | null | undefined>;

function parseIpv4(text: string): number[] | undefined {
  const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
  const bytes = match?.slice(1).map(Number);
  return bytes?.every((byte) => byte <= 255) ? bytes : undefined;
}

/** The eight 16-bit groups of an IPv6 address (zone and brackets dropped, a dotted IPv4 tail allowed). */
function parseIpv6(text: string): number[] | undefined {
  let address = text.replace(/^\[(.*)\]$/, '$1').replace(/%.*$/, '');
  const tail = address.lastIndexOf(':');
  if (tail !== -1 && address.includes('.', tail)) {
    const v4 = parseIpv4(address.slice(tail + 1));
    if (!v4) return undefined;
    address = `${address.slice(0, tail + 1)}${((v4[0]! << 8) | v4[1]!).toString(16)}:${((v4[2]! << 8) | v4[3]!).toString(16)}`;
  }
  const halves = address.split('::');
  if (halves.length > 2) return undefined;
  const head = halves[0] ? halves[0].split(':') : [];
  const rest = halves[1] ? halves[1].split(':') : [];
  const missing = 8 - head.length - rest.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return undefined;
  const groups = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...rest];
  return groups.every((group) => /^[0-9a-f]{1,4}$/i.test(group)) ? groups.map((group) => parseInt(group, 16)) : undefined;
}

/** `::ffff:a.b.c.d` (how a dual-stack socket shows an IPv4 client) as its IPv4 bytes. */
function mappedIpv4(groups: number[]): number[] | undefined {
  if (groups.slice(0, 5).some((group) => group !== 0) || groups[5] !== 0xffff) return undefined;
  return [groups[6]! >> 8, groups[6]! & 0xff, groups[7]! >> 8, groups[7]! & 0xff];
}

function privateIpv4([a, b]: number[]): boolean {
  return a === 0 || a === 10 || a === 127 || (a === 169 && b === 254) || (a === 172 && b! >= 16 && b! <= 31) || (a === 192 && b === 168) || (a === 100 && b! >= 64 && b! <= 127);
}

/**
 * Loopback, private (RFC 1918, IPv6 unique-local), link-local and carrier-grade NAT addresses: a peer
 * there is a proxy or load balancer in front of the server, or local development, not a client on the
 * Internet.
 */
export function isPrivateAddress(address: string): boolean {
  const v4 = parseIpv4(address);
  if (v4) return privateIpv4(v4);
  const v6 = parseIpv6(address);
  if (!v6) return false;
  const mapped = mappedIpv4(v6);
  if (mapped) return privateIpv4(mapped);
  const loopbackOrUnspecified = v6.slice(0, 7).every((group) => group === 0) && v6[7]! <= 1;
  return loopbackOrUnspecified || (v6[0]! & 0xfe00) === 0xfc00 || (v6[0]! & 0xffc0) === 0xfe80;
}

/**
 * The rate-limit bucket of an address: IPv4 as is (IPv4-mapped IPv6 too), IPv6 by its /64, the block
 * one household or server gets (one host can use every address in it). Anything else (your own key
 * from `clientIp`) is used as it is.
 */
export function clientBucket(client: string): string {
  const value = client.trim().toLowerCase();
  const v4 = parseIpv4(value);
  if (v4) return v4.join('.');
  const v6 = parseIpv6(value);
  if (!v6) return value;
  const mapped = mappedIpv4(v6);
  if (mapped) return mapped.join('.');
  return `${v6
    .slice(0, 4)
    .map((group) => group.toString(16))
    .join(':')}::/64`;
}

/**
 * The default `clientIp`: the connection's address, except a loopback or private one (a proxy in front
 * of the server, or local development), which leaves the request unlimited rather than putting every
 * user behind the proxy into one bucket.
 */
export const connectionClientIp: ClientIpResolver = (_request, info) => {
  const address = info.remoteAddress;
  return address && !isPrivateAddress(address) ? address : undefined;
};

/**
 * For a server reachable **only** through `proxies` proxies that each append the address they saw to
 * `X-Forwarded-For` (nginx's `$proxy_add_x_forwarded_for`, most load balancers): the entry the
 * outermost of them wrote. Entries further left were written by the client and are ignored.
 */
export function forwardedForClientIp({ proxies = 1 }: { proxies?: number } = {}): ClientIpResolver {
  if (!Number.isSafeInteger(proxies) || proxies < 1) throw new TypeError(`"proxies" must be the number of proxies in front of the server (1 or more), got ${String(proxies)}`);
  return (request, info) => {
    const entries = (request.headers.get('x-forwarded-for') ?? '')
      .split(',')
      .map((entry) => entry.trim())
      .filter(Boolean);
    if (entries.length === 0) return info.remoteAddress;
    // Fewer entries than proxies: the request met fewer proxies; the leftmost is still one of theirs.
    return entries[Math.max(0, entries.length - proxies)];
  };
}
