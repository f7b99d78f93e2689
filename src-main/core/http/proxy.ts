/**
 * Which proxy a request goes through. Corporate networks configure it in two ways, both honoured:
 * - `HTTPS_PROXY` / `HTTP_PROXY` with `NO_PROXY` in the environment (explicit, so it wins), and
 * - the system settings (or a PAC script), which the shell resolves through Electron's
 *   `session.resolveProxy(url)` and hands in as a PAC-style string: "PROXY host:8080; DIRECT".
 * Loopback hosts are always reached directly. SOCKS entries are skipped (undici's SOCKS support
 * cannot carry an extra CA certificate); the next usable entry in the list is taken.
 */
import { isLoopbackHost } from './url';

export type ProxyChoice = { kind: 'direct' } | { kind: 'proxy'; uri: string; source: 'env' | 'system' };

export const DIRECT: ProxyChoice = { kind: 'direct' };

export interface ProxyEnvironment {
  HTTPS_PROXY?: string | undefined;
  https_proxy?: string | undefined;
  HTTP_PROXY?: string | undefined;
  http_proxy?: string | undefined;
  NO_PROXY?: string | undefined;
  no_proxy?: string | undefined;
}

/** Parses one PAC result ("PROXY a:1; HTTPS b:2; SOCKS5 c:3; DIRECT") into usable choices, in order. */
export function parsePacResult(pac: string): ProxyChoice[] {
  const choices: ProxyChoice[] = [];
  for (const part of pac.split(';')) {
    const [keyword, hostPort] = part.trim().split(/\s+/);
    if (keyword === undefined || keyword === '') continue;
    const kind = keyword.toUpperCase();
    if (kind === 'DIRECT') choices.push(DIRECT);
    else if ((kind === 'PROXY' || kind === 'HTTP') && hostPort !== undefined)
      choices.push({ kind: 'proxy', uri: `http://${hostPort}`, source: 'system' });
    else if (kind === 'HTTPS' && hostPort !== undefined)
      choices.push({ kind: 'proxy', uri: `https://${hostPort}`, source: 'system' });
    // SOCKS, SOCKS4, SOCKS5: not used (see above).
  }
  return choices;
}

/** NO_PROXY semantics as curl and undici read them: "*", host suffixes, ".domain", optional ":port". */
export function matchesNoProxy(url: URL, noProxy: string): boolean {
  const host = url.hostname.toLowerCase().replace(/^\[|\]$/g, '');
  const port = url.port !== '' ? url.port : url.protocol === 'https:' ? '443' : '80';
  for (const raw of noProxy.split(/[\s,]+/)) {
    const entry = raw.trim().toLowerCase();
    if (entry === '') continue;
    if (entry === '*') return true;
    const match = /^(.*?)(?::(\d+))?$/.exec(entry.replace(/^\[|\]$/g, ''));
    const entryHost = (match?.[1] ?? entry).replace(/^\*?\./, '');
    const entryPort = match?.[2];
    if (entryPort !== undefined && entryPort !== port) continue;
    if (host === entryHost || host.endsWith(`.${entryHost}`)) return true;
  }
  return false;
}

/** The proxy the environment asks for, or null when the environment sets none. */
export function envProxyFor(url: URL, env: ProxyEnvironment): ProxyChoice | null {
  const proxy =
    url.protocol === 'https:' ? (env.HTTPS_PROXY ?? env.https_proxy) : (env.HTTP_PROXY ?? env.http_proxy);
  if (proxy === undefined || proxy.trim() === '') return null;
  const noProxy = env.NO_PROXY ?? env.no_proxy ?? '';
  if (matchesNoProxy(url, noProxy)) return DIRECT;
  const uri = /^[a-z]+:\/\//i.test(proxy.trim()) ? proxy.trim() : `http://${proxy.trim()}`;
  return { kind: 'proxy', uri, source: 'env' };
}

export async function chooseProxy(
  url: URL,
  options: { env: ProxyEnvironment; resolveProxy?: ((url: string) => Promise<string | null>) | undefined },
): Promise<ProxyChoice> {
  if (isLoopbackHost(url.hostname)) return DIRECT;
  const fromEnv = envProxyFor(url, options.env);
  if (fromEnv !== null) return fromEnv;
  if (options.resolveProxy === undefined) return DIRECT;
  let pac: string | null;
  try {
    pac = await options.resolveProxy(url.href);
  } catch {
    // The system could not resolve a proxy (no PAC reachable): try directly, as browsers do.
    return DIRECT;
  }
  if (pac === null || pac.trim() === '') return DIRECT;
  return parsePacResult(pac)[0] ?? DIRECT;
}

/** For logs: the proxy's host without any user info. */
export function describeProxy(choice: ProxyChoice): string {
  if (choice.kind === 'direct') return 'direct';
  try {
    const parsed = new URL(choice.uri);
    return `${choice.source}:${parsed.protocol}//${parsed.host}`;
  } catch {
    return `${choice.source}:unparseable`;
  }
}
