/**
 * undici dispatchers (connection pools) per route: direct or through one proxy, with the
 * system's CA roots plus, when set in Settings, one extra CA certificate (corporate TLS
 * inspection). Built lazily and reused; closed when the core shuts down.
 */
import fs from 'node:fs';
import tls from 'node:tls';
import { Agent, ProxyAgent, type Dispatcher } from 'undici';
import type { ProxyChoice } from './proxy';

export interface DispatcherOptions {
  connectTimeoutMs: number;
  /** PEM text of the extra CA, or null. */
  extraCa: string | null;
}

export class CaFileError extends Error {
  constructor(readonly reason: 'unreadable' | 'not_pem') {
    super(reason === 'unreadable' ? 'extra CA certificate unreadable' : 'extra CA certificate not PEM');
    this.name = 'CaFileError';
  }
}

/** Reads the CA file named in Settings; throws CaFileError when it is missing or not PEM. */
export function readExtraCa(caPath: string | null): string | null {
  if (caPath === null || caPath.trim() === '') return null;
  let text: string;
  try {
    text = fs.readFileSync(caPath, 'utf8');
  } catch {
    throw new CaFileError('unreadable');
  }
  if (!text.includes('-----BEGIN CERTIFICATE-----')) throw new CaFileError('not_pem');
  return text;
}

export class DispatcherPool {
  private readonly pool = new Map<string, Dispatcher>();

  get(choice: ProxyChoice, options: DispatcherOptions): Dispatcher {
    const key = `${choice.kind === 'direct' ? 'direct' : choice.uri}|${options.connectTimeoutMs}|${options.extraCa ?? ''}`;
    let dispatcher = this.pool.get(key);
    if (dispatcher === undefined) {
      dispatcher = build(choice, options);
      this.pool.set(key, dispatcher);
    }
    return dispatcher;
  }

  async closeAll(): Promise<void> {
    const all = [...this.pool.values()];
    this.pool.clear();
    await Promise.allSettled(all.map((d) => d.destroy()));
  }
}

function build(choice: ProxyChoice, options: DispatcherOptions): Dispatcher {
  // Passing `ca` replaces Node's roots, so the extra certificate is added to them, not swapped in.
  const ca = options.extraCa === null ? undefined : [...tls.rootCertificates, options.extraCa];
  const connect = { timeout: options.connectTimeoutMs, ...(ca === undefined ? {} : { ca }) };
  if (choice.kind === 'direct') {
    return new Agent({ connect, keepAliveTimeout: 10_000 });
  }
  return new ProxyAgent({
    uri: choice.uri,
    connect,
    requestTls: connect,
    proxyTls: connect,
    keepAliveTimeout: 10_000,
  });
}
