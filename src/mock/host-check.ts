import { isIP } from 'node:net';

/**
 * DNS rebinding defence, as Vite's dev server has it: a page on `rebind.attacker.example` whose name
 * later resolves to 127.0.0.1 reaches the mock with its own name in `Host`. So the mock answers only
 * requests addressed to a loopback name (`localhost`, `*.localhost`), an IP address (an IP cannot be
 * rebound), the host of `publicUrl`, or the interface name it was told to bind. A request without
 * `Host` (HTTP/1.0) cannot come from a browser, so it passes.
 */
export interface HostCheckOptions {
  publicUrl?: string | undefined;
  host?: string | undefined;
}

const HOST_HEADER = /^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9._-]+)(?::\d{1,5})?$/;

/** The lower-case host name of a `Host` header (IPv6 without brackets), or undefined when malformed. */
export function hostnameOf(hostHeader: string): string | undefined {
  // Strict shape first: the URL parser would read `attacker.example@localhost` as localhost.
  if (!HOST_HEADER.test(hostHeader)) return undefined;
  try {
    return new URL(`http://${hostHeader}`).hostname.replace(/^\[(.*)\]$/, '$1');
  } catch {
    return undefined;
  }
}

export function createHostCheck(options: HostCheckOptions): (hostHeader: string | undefined) => boolean {
  const allowed = new Set<string>();
  if (options.publicUrl) allowed.add(new URL(options.publicUrl).hostname.replace(/^\[(.*)\]$/, '$1'));
  const bound = options.host && hostnameOf(options.host);
  if (bound) allowed.add(bound);
  return (hostHeader) => {
    if (hostHeader === undefined) return true;
    const hostname = hostnameOf(hostHeader);
    if (hostname === undefined) return false;
    return hostname === 'localhost' || hostname.endsWith('.localhost') || isIP(hostname) !== 0 || allowed.has(hostname);
  };
}

/** What a refused request is told: the rule, and how to let a proxy's name in. */
export function hostRefusal(hostHeader: string): string {
  const shown = hostHeader.length > 100 ? `${hostHeader.slice(0, 100)}…` : hostHeader;
  return (
    `Host ${JSON.stringify(shown)} is not allowed: the mock answers only localhost, IP addresses and the host of its ` +
    'publicUrl (a defence against DNS rebinding). Behind a proxy or tunnel, start it with publicUrl ' +
    '(--public-url) set to the address you open.'
  );
}
