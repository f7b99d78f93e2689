/**
 * Delivery connections: the credentials through which remote delivery kinds write a rotated
 * secret (a GitHub fine-grained token with "Secrets: write", a GitLab token with `api`).
 *
 * - The token lives only in the OS keychain (CredentialStore, key `delivery:<id>`); SQLite keeps
 *   only metadata, in the settings key/value table under `deliveryConnections` (no migration;
 *   not part of the Settings schema, so `updateSettings` from the renderer cannot rewrite it).
 * - It is bound to the origin it was saved for (`credentialOrigin`): the resolver refuses a
 *   record whose address no longer has that origin, and the HTTP layer refuses every request
 *   elsewhere. There is no "change address": a new address is a new connection and token.
 * - It is verified when added (`GET /user`): a token the service refuses is never stored.
 * - The resolver reads the token for one delivery and hands it to the kind; nothing keeps it.
 */
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { DeliveryConnection, DeliveryConnections } from '../../../../src-preload/contract';
import type { CoreContext } from '../../context';
import { settingsRepo, type SettingsRepo } from '../../db/repositories/settings';
import { AppError, invalidInput } from '../../errors';
import type { HttpClient, ProviderHttp } from '../../http/client';
import { HttpError } from '../../http/errors';
import { isLoopbackHost, parseBaseUrl } from '../../http/url';
import { registerSecret, registerSecretShapes } from '../../log/redact';
import {
  DELIVERY_CONNECTION_SECRET_SHAPES,
  DELIVERY_CONNECTION_SERVICES,
  type DeliveryConnectionService as ServiceFacts,
} from './kinds/connection-services';
import type { DeliveryConnectionResolver } from './target-kind';

const STORE_KEY = 'deliveryConnections';
const credentialKey = (id: string) => `delivery:${id}`;

type Kind = DeliveryConnection['kind'];

function serviceOf(kind: Kind): ServiceFacts {
  const service = DELIVERY_CONNECTION_SERVICES.find((s) => s.kind === kind);
  if (service === undefined) throw invalidInput('Choose a service for the delivery connection.', 'kind');
  return service;
}

const Stored = z.array(
  z.object({
    id: z.string(),
    kind: z.string(),
    label: z.string(),
    baseUrl: z.string(),
    credentialOrigin: z.string(),
    account: z.string().nullable(),
    createdAt: z.number(),
  }),
);

export class DeliveryConnectionManager implements DeliveryConnectionResolver {
  private readonly store: SettingsRepo;

  /**
   * `http`: the core's one HTTP client (the provider runtime's): its origin checks, proxy, CA and
   * limiter serve delivery connections too, under their own `delivery:<id>` limiter keys.
   */
  constructor(
    private readonly ctx: CoreContext,
    readonly http: HttpClient,
  ) {
    this.store = settingsRepo(ctx.db);
    registerSecretShapes(DELIVERY_CONNECTION_SECRET_SHAPES);
  }

  list(): DeliveryConnections {
    return {
      connections: this.read(),
      choices: DELIVERY_CONNECTION_SERVICES.map((s) => ({
        kind: s.kind,
        label: s.name,
        defaultBaseUrl: s.defaultBaseUrl,
        baseUrlHelp: s.baseUrlHelp,
        tokenHelp: s.tokenHelp,
      })),
    };
  }

  async add(input: {
    kind: Kind;
    label: string;
    baseUrl: string | null;
    token: string;
  }): Promise<DeliveryConnection> {
    const service = serviceOf(input.kind);
    const baseUrl = this.address(input.kind, input.baseUrl);
    const credentialOrigin = new URL(baseUrl).origin;
    const id = `dc_${randomBytes(8).toString('hex')}`;
    registerSecret(input.token);
    const account = await this.verify(input.kind, id, baseUrl, credentialOrigin, input.token);
    // The keychain first: if it refuses, nothing was recorded.
    await this.ctx.deps.credentials.set(credentialKey(id), input.token, {
      allowWeak: this.ctx.settings.get().weakStorageAccepted,
    });
    const record: DeliveryConnection = {
      id,
      kind: input.kind,
      label: input.label,
      baseUrl,
      credentialOrigin,
      account,
      createdAt: this.ctx.now(),
    };
    try {
      this.write([...this.read(), record]);
    } catch (error) {
      await this.ctx.deps.credentials.delete(credentialKey(id));
      throw error;
    }
    this.ctx.audit({
      action: 'delivery_connection.add',
      outcome: 'ok',
      detail: `${service.name} ${credentialOrigin}`,
    });
    return record;
  }

  async remove(id: string): Promise<void> {
    const all = this.read();
    const record = all.find((c) => c.id === id);
    if (record === undefined)
      throw new AppError('not_found', 'That delivery connection was already removed.');
    this.write(all.filter((c) => c.id !== id));
    await this.ctx.deps.credentials.delete(credentialKey(id));
    this.http.forget(`delivery:${id}`);
    this.ctx.audit({
      action: 'delivery_connection.remove',
      outcome: 'ok',
      detail: serviceOf(record.kind).name,
    });
  }

  async resolve(connectionId: string) {
    const record = this.read().find((c) => c.id === connectionId);
    if (record === undefined)
      throw new AppError(
        'not_found',
        'The delivery connection of this target was removed. Add one under Settings → Delivery connections and choose it for the target.',
      );
    const name = serviceOf(record.kind).name;
    let origin: string | null = null;
    try {
      origin = new URL(record.baseUrl).origin;
    } catch {
      origin = null;
    }
    if (origin !== record.credentialOrigin)
      throw new AppError(
        'credential_missing',
        `The ${name} delivery connection “${record.label}” was saved for ${record.credentialOrigin} and now points elsewhere: nothing was sent. Add it again.`,
      );
    const credential = await this.ctx.deps.credentials.get(credentialKey(record.id));
    if (credential === null)
      throw new AppError(
        'credential_missing',
        `The ${name} delivery connection “${record.label}” has no token in the keychain. Remove it and add it again.`,
      );
    return {
      baseUrl: record.baseUrl,
      http: this.http,
      credential,
      credentialOrigin: record.credentialOrigin,
    };
  }

  // ---------------------------------------------------------------------------------------------

  /** The address to call: the public one, or the user's (GitHub Enterprise Server gets /api/v3). */
  private address(kind: Kind, raw: string | null): string {
    const service = serviceOf(kind);
    if (raw === null || raw.trim() === '') return service.defaultBaseUrl;
    const url = parseBaseUrl(raw, service.name);
    if (isLoopbackHost(url.hostname) && this.ctx.deps.allowLoopbackAddresses !== true)
      throw invalidInput(
        `${service.name} is not on this computer: enter its address on the network.`,
        'baseUrl',
      );
    return service.address(url);
  }

  /** `GET /user` with the token: who it belongs to, or a sentence for why it is refused. */
  private async verify(
    kind: Kind,
    id: string,
    baseUrl: string,
    origin: string,
    token: string,
  ): Promise<string> {
    const service = serviceOf(kind);
    const target: ProviderHttp = this.http.target({
      provider: service.name,
      baseUrl: new URL(baseUrl),
      credentialOrigin: origin,
      limiterKey: `delivery:${id}`,
      rateLimit: null,
    });
    try {
      const answer = await target.send({
        endpoint: 'delivery_connection.user',
        method: 'GET',
        path: service.userPath,
        headers: service.headers(token),
        auth: 'credential',
        schema: service.account,
      });
      return answer.data;
    } catch (error) {
      if (error instanceof HttpError && error.status === 401)
        throw new AppError(
          'unauthorized',
          `${service.name} refused this token (401). Check it was copied whole and has not expired.`,
          {
            field: 'token',
          },
        );
      if (error instanceof HttpError && error.status === 404)
        throw new AppError(
          'not_found',
          `No ${service.name} API answered at ${baseUrl} (404). Check the address.`,
          {
            field: 'baseUrl',
          },
        );
      throw error;
    }
  }

  private read(): DeliveryConnection[] {
    const stored = Stored.safeParse(this.store.readAll()[STORE_KEY] ?? []);
    if (!stored.success) {
      this.ctx.log.warn('stored delivery connections did not parse; none are listed');
      return [];
    }
    return stored.data;
  }

  private write(all: DeliveryConnection[]): void {
    this.store.writeMany({ [STORE_KEY]: all });
  }
}
