/**
 * What the provider features share inside one core: the HTTP client (dispatchers, per-connection
 * rate limiters), the password sessions (password-sessions.ts: in memory and the OS keychain, until they expire),
 * which web sign-in connections hold a web session, the per-connection locks, and the way an
 * AdapterContext is built for a stored connection or for a connection being set up.
 *
 * core.ts builds one and hands it to connection setup, sync and the token operations.
 */
import type { ConnectionStatus, ProviderId } from '../../../src-preload/contract';
import type { CoreContext } from '../context';
import type { ConnectionRecord } from '../db/repositories/connections';
import { AppError } from '../errors';
import { DEFAULT_HTTP_SETTINGS, HttpClient, type ProviderHttp } from '../http/client';
import { HttpError } from '../http/errors';
import { parseBaseUrl } from '../http/url';
import { registerHeaderSecrets, registerSecret } from '../log/redact';
import type { ProviderModule } from '../providers/module';
import type { AdapterContext, PasswordSession, ProviderAdapter, SessionHeaders } from '../providers/types';
import { ConnectionLocks } from './connection-locks';
import { credentialOriginOf } from './connection-origin';
import { credentialKey, effectiveBaseUrl } from './connection-view';
import { PasswordSessions } from './password-sessions';
import { isAllowedExternalUrl } from '../external-links';

/** Whether an address is at the origin the connection's credential was saved for. */
function sameOrigin(url: string, origin: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.origin === origin && parsed.username === '' && parsed.password === '';
  } catch {
    return false;
  }
}

export interface ProviderRuntime {
  http: HttpClient;
  locks: ConnectionLocks;
  /** Whether the connection holds a live session right now (for the Connection view). */
  signedIn(record: ConnectionRecord): boolean;
  /** Refreshes what is known about web sessions (the shell's partitions survive restarts). */
  refreshWebSessions(records: ConnectionRecord[]): Promise<void>;
  /** Holds a signed-in password session and keeps it in the keychain until it expires. */
  setPasswordSession(connectionId: string, session: PasswordSession): Promise<void>;
  /** At start: reads back the password sessions the last run kept. */
  restoreSessions(records: ConnectionRecord[]): void;
  dropSessions(connectionId: string, provider: ProviderId): Promise<void>;
  httpFor(target: {
    provider: ProviderId;
    baseUrl: string;
    credentialOrigin: string;
    limiterKey: string;
  }): ProviderHttp;
  contextFor(record: ConnectionRecord): { adapter: ProviderAdapter; ctx: AdapterContext };
  /** For a connection being set up: the credential and session live in the draft, in memory. */
  draftContext(draft: DraftAuth): { adapter: ProviderAdapter; ctx: AdapterContext };
  /**
   * After a remote call failed: records what it means for the connection (needs a credential,
   * needs a sign-in) and drops a dead session. Returns the status written, or null.
   */
  noteFailure(record: ConnectionRecord, error: unknown): ConnectionStatus | null;
  close(): Promise<void>;
}

export interface DraftAuth {
  connectionId: string;
  provider: ProviderId;
  baseUrl: string;
  credential: string | null;
  passwordSession: PasswordSession | null;
}

export function needsSignIn(module: ProviderModule): AppError {
  return new AppError('needs_sign_in', module.wording.needsSignIn);
}

/** The module's adapter; a provider tracked by hand only has none, and says so. */
function adapterOf(module: ProviderModule): ProviderAdapter {
  if (module.adapter === null)
    throw new AppError(
      'not_supported',
      `${module.descriptor.name} has no token API. Its tokens are managed in its own console and recorded here by hand.`,
    );
  return module.adapter;
}

export function createProviderRuntime(ctx: CoreContext): ProviderRuntime {
  const settings = { ...DEFAULT_HTTP_SETTINGS, ...ctx.deps.http };
  const http = new HttpClient({
    log: ctx.log.child({ area: 'http' }),
    settings,
    env: ctx.deps.proxyEnv ?? process.env,
    resolveProxy: ctx.deps.resolveProxy,
    caPath: () => ctx.settings.get().caCertificatePath,
    time: { now: () => Date.now(), sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)) },
    random: Math.random,
    userAgent: `${ctx.deps.appName}/${ctx.deps.appVersion}`,
  });
  const locks = new ConnectionLocks();
  const passwordSessions = new PasswordSessions(ctx);
  const webSessions = new Set<string>();

  const liveSession = (connectionId: string): PasswordSession | null =>
    passwordSessions.current(connectionId);

  const httpFor: ProviderRuntime['httpFor'] = ({ provider, baseUrl, credentialOrigin, limiterKey }) => {
    const module = ctx.providers.get(provider);
    return http.target({
      provider: module.descriptor.name,
      baseUrl: parseBaseUrl(baseUrl, module.descriptor.name),
      credentialOrigin,
      limiterKey,
      rateLimit: adapterOf(module).rateLimit,
    });
  };

  const sessionRequest = (connectionId: string, provider: ProviderId, baseUrl: string, origin: string) => ({
    connectionId,
    provider,
    baseUrl,
    origin,
  });

  function build(
    provider: ProviderId,
    connectionId: string,
    baseUrl: string,
    credentialOrigin: string,
    accounts: ConnectionRecord['accounts'],
    credential: () => Promise<string>,
    passwordSession: () => PasswordSession | null,
  ): { adapter: ProviderAdapter; ctx: AdapterContext } {
    const module = ctx.providers.get(provider);
    const adapter = adapterOf(module);
    const descriptor = module.descriptor;
    const adapterCtx: AdapterContext = {
      http: httpFor({ provider, baseUrl, credentialOrigin, limiterKey: connectionId }),
      accounts,
      now: () => ctx.now(),
      credential,
      async session(): Promise<SessionHeaders> {
        if (descriptor.session === 'password') {
          await passwordSessions.whenRestored();
          const session = passwordSession();
          if (session === null) throw needsSignIn(module);
          return session.headers;
        }
        if (descriptor.session === 'web') {
          const session = await ctx.deps.sessions.current(
            sessionRequest(connectionId, provider, baseUrl, credentialOrigin),
          );
          if (session === null) {
            webSessions.delete(connectionId);
            throw needsSignIn(module);
          }
          webSessions.add(connectionId);
          registerHeaderSecrets(session.headers);
          return session.headers;
        }
        throw new AppError('not_supported', `${descriptor.name} does not use a sign-in session.`);
      },
      // Only the sync reports skipped rows (it replaces this); elsewhere the count is not shown.
      skipped: () => undefined,
      async openInBrowser(url: string): Promise<void> {
        if (!isAllowedExternalUrl(url, ctx.providers.linkHosts) && !sameOrigin(url, credentialOrigin))
          throw new AppError(
            'malformed_response',
            `${descriptor.name} asked to open a page at an address Tokenkeeper does not open. Nothing was opened.`,
          );
        await ctx.deps.system.openExternal(url);
      },
      wait: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
      async webSignIn(): Promise<SessionHeaders> {
        if (descriptor.session !== 'web')
          throw new AppError('not_supported', `${descriptor.name} does not sign in through a window.`);
        const session = await ctx.deps.sessions.signIn(
          sessionRequest(connectionId, provider, baseUrl, credentialOrigin),
        );
        webSessions.add(connectionId);
        registerHeaderSecrets(session.headers);
        return session.headers;
      },
    };
    return { adapter, ctx: adapterCtx };
  }

  return {
    http,
    locks,
    signedIn(record) {
      if (record.mode !== 'api' || !ctx.providers.has(record.provider)) return false;
      const session = ctx.providers.descriptor(record.provider).session;
      if (session === 'password') return liveSession(record.id) !== null;
      if (session === 'web') return webSessions.has(record.id);
      return false;
    },
    async refreshWebSessions(records) {
      await passwordSessions.whenRestored();
      await Promise.all(
        records
          .filter(
            (r) =>
              r.mode === 'api' &&
              ctx.providers.has(r.provider) &&
              ctx.providers.descriptor(r.provider).session === 'web',
          )
          .map(async (r) => {
            const base = effectiveBaseUrl(r, ctx.providers);
            const origin = credentialOriginOf(r, ctx.providers);
            const current =
              base === null || origin === null
                ? null
                : await ctx.deps.sessions
                    .current(sessionRequest(r.id, r.provider, base, origin))
                    .catch(() => null);
            if (current === null) webSessions.delete(r.id);
            else webSessions.add(r.id);
          }),
      );
    },
    setPasswordSession: (connectionId, session) => passwordSessions.set(connectionId, session),
    restoreSessions(records) {
      passwordSessions.restore(
        records.filter(
          (r) =>
            r.mode === 'api' &&
            ctx.providers.has(r.provider) &&
            ctx.providers.descriptor(r.provider).session === 'password',
        ),
      );
    },
    async dropSessions(connectionId, provider) {
      await passwordSessions.drop(connectionId);
      webSessions.delete(connectionId);
      if (ctx.providers.descriptor(provider).session === 'web') await ctx.deps.sessions.signOut(connectionId);
    },
    httpFor,
    contextFor(record) {
      const descriptor = ctx.providers.descriptor(record.provider);
      const baseUrl = effectiveBaseUrl(record, ctx.providers);
      const credentialOrigin = credentialOriginOf(record, ctx.providers);
      if (record.mode !== 'api' || !descriptor.hasApi || baseUrl === null || credentialOrigin === null) {
        throw new AppError(
          'not_supported',
          `“${record.label}” is a tracked connection: Tokenkeeper does not call ${descriptor.name} for it.`,
        );
      }
      return build(
        record.provider,
        record.id,
        baseUrl,
        credentialOrigin,
        record.accounts,
        async () => {
          const value = await ctx.deps.credentials.get(credentialKey(record.id));
          if (value === null) {
            throw new AppError(
              'credential_missing',
              `No ${descriptor.name} credential is stored for “${record.label}”. Re-enter it in the connection’s settings.`,
            );
          }
          registerSecret(value);
          return value;
        },
        () => liveSession(record.id),
      );
    },
    draftContext(draft) {
      return build(
        draft.provider,
        draft.connectionId,
        draft.baseUrl,
        // While connecting, the credential is being entered for this very address.
        new URL(draft.baseUrl).origin,
        [],
        async () => {
          if (draft.credential === null)
            throw new AppError('credential_missing', 'No credential was entered.');
          return draft.credential;
        },
        () => draft.passwordSession,
      );
    },
    noteFailure(record, error) {
      if (!(error instanceof AppError)) return null;
      let status: ConnectionStatus | null = null;
      if (error.code === 'needs_sign_in') {
        status = 'needs_sign_in';
        // The provider ended it: the kept copy goes too, so a restart does not offer it again.
        passwordSessions.drop(record.id).catch(() => undefined);
        if (webSessions.delete(record.id)) {
          // The partition's cookie is dead: clear it so the next sign-in starts clean.
          ctx.deps.sessions.signOut(record.id).catch(() => undefined);
        }
      } else if (
        error.code === 'credential_missing' ||
        error.code === 'credential_unreadable' ||
        (error.code === 'unauthorized' && error instanceof HttpError)
      ) {
        status = 'needs_credential';
      }
      if (status === null) return null;
      const current = ctx.repos.connections.get(record.id);
      if (current !== null) {
        ctx.repos.connections.save({
          ...current,
          status,
          lastError: error.toApiError(),
          updatedAt: ctx.now(),
        });
      }
      return status;
    },
    async close() {
      passwordSessions.clear();
      await http.close();
    },
  };
}
