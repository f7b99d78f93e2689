/**
 * The secrets of one scope (a repository, an environment or an organization) and its libsodium
 * box key pair: the public key GitHub hands out, the PUT that opens the sealed box and checks it,
 * and the GET that shows a secret's name and times (never its value) [GHS].
 */
import sodium from 'libsodium-wrappers';
import type { SimRequest, SimResponse, SimServer } from '../base';
import { jsonObjectBody } from '../strict';
import {
  BASE64_PATTERN,
  MAX_SECRET_BYTES,
  ORG_VISIBILITIES,
  badRequest,
  notFound,
  secretNameProblem,
  unsupportedMediaType,
  validationFailed,
  type OrgVisibility,
} from './rules';

export type SecretScope = { owner: string; repo: string; environment?: string } | { org: string };

export interface StoredSecret {
  name: string;
  value: string;
  createdAt: number;
  updatedAt: number;
  visibility?: OrgVisibility;
  selectedRepositoryIds?: number[];
}

/** GitHub's timestamps: ISO 8601 to the second, `Z`. */
const stamp = (ms: number) => new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');

let keyCounter = 3_380_204_578_043_523_366n;

export class ScopeSecrets {
  readonly secrets = new Map<string, StoredSecret>();
  /** Every PUT body as it arrived (canary tests check the secret never travelled in the clear). */
  readonly receivedBodies: string[] = [];
  keyId = '';
  private publicKeyBytes: Uint8Array = new Uint8Array();
  private privateKeyBytes: Uint8Array = new Uint8Array();

  constructor(
    private readonly server: SimServer,
    readonly kind: 'repository' | 'environment' | 'organization',
    /** Organization scopes: the repository ids `selected_repository_ids` may name. */
    private readonly repositoryIds: () => number[] = () => [],
  ) {
    this.rotateKey();
  }

  /** A new key pair (GitHub rotates its keys): a value sealed to the old one is then refused. */
  rotateKey(): void {
    const pair = sodium.crypto_box_keypair();
    this.publicKeyBytes = pair.publicKey;
    this.privateKeyBytes = pair.privateKey;
    keyCounter += 1n;
    this.keyId = keyCounter.toString();
  }

  valueOf(name: string): string | null {
    return this.secrets.get(name.toUpperCase())?.value ?? null;
  }

  publicKey(): SimResponse {
    return {
      status: 200,
      json: {
        key_id: this.keyId,
        key: sodium.to_base64(this.publicKeyBytes, sodium.base64_variants.ORIGINAL),
      },
    };
  }

  show(req: SimRequest): SimResponse {
    const secret = this.secrets.get((req.params.name ?? '').toUpperCase());
    if (secret === undefined) return notFound();
    return { status: 200, json: this.entity(secret) };
  }

  put(req: SimRequest): SimResponse {
    this.receivedBodies.push(req.rawBody);
    const org = this.kind === 'organization';
    const allowed = ['encrypted_value', 'key_id', ...(org ? ['visibility', 'selected_repository_ids'] : [])];
    const checked = jsonObjectBody(req, allowed);
    if (!checked.ok) {
      if (checked.problem.kind === 'media_type') return unsupportedMediaType();
      if (checked.problem.kind === 'not_object') return badRequest('Problems parsing JSON');
      return validationFailed(
        `Invalid request.\n\n${checked.problem.fields.map((f) => `"${f}"`).join(', ')} is not a permitted key.`,
      );
    }
    const body = checked.body;
    const name = req.params.name ?? '';
    const nameProblem = secretNameProblem(name);
    if (nameProblem !== null) return validationFailed(nameProblem);
    if (typeof body.encrypted_value !== 'string' || typeof body.key_id !== 'string')
      return validationFailed('Invalid request.\n\n"encrypted_value" and "key_id" are required strings.');
    if (!BASE64_PATTERN.test(body.encrypted_value))
      return validationFailed('Invalid request.\n\n"encrypted_value" is not base64.');
    if (body.key_id !== this.keyId) return validationFailed('Bad request - bad key_id.');
    let visibility: OrgVisibility | undefined;
    let selected: number[] | undefined;
    if (org) {
      const chosen = ORG_VISIBILITIES.find((v) => v === body.visibility);
      if (chosen === undefined)
        return validationFailed('Invalid request.\n\n"visibility" must be one of all, private, selected.');
      visibility = chosen;
      if (body.selected_repository_ids !== undefined) {
        const ids = body.selected_repository_ids;
        if (chosen !== 'selected')
          return validationFailed(
            'Invalid request.\n\n"selected_repository_ids" goes with visibility "selected" only.',
          );
        if (
          !Array.isArray(ids) ||
          !ids.every((id) => Number.isInteger(id) && this.repositoryIds().includes(id as number))
        )
          return validationFailed(
            'Invalid request.\n\n"selected_repository_ids" must list repository ids of this organization.',
          );
        selected = ids as number[];
      }
    }
    const value = this.open(body.encrypted_value);
    if (value === null)
      return validationFailed('Bad request - the value could not be decrypted with this key.');
    if (Buffer.byteLength(value, 'utf8') > MAX_SECRET_BYTES)
      return validationFailed('Secrets can be up to 48 KB in size.');
    const key = name.toUpperCase();
    const now = this.server.now();
    const existing = this.secrets.get(key);
    this.secrets.set(key, {
      name: key,
      value,
      createdAt: existing?.createdAt ?? now,
      updatedAt: now,
      ...(visibility === undefined ? {} : { visibility }),
      ...(selected === undefined ? {} : { selectedRepositoryIds: selected }),
    });
    return existing === undefined ? { status: 201, json: {} } : { status: 204 };
  }

  private open(encrypted: string): string | null {
    try {
      const sealed = sodium.from_base64(encrypted, sodium.base64_variants.ORIGINAL);
      const opened = sodium.crypto_box_seal_open(sealed, this.publicKeyBytes, this.privateKeyBytes);
      const text = new TextDecoder('utf-8', { fatal: true }).decode(opened);
      return text;
    } catch {
      return null;
    }
  }

  private entity(secret: StoredSecret) {
    return {
      name: secret.name,
      created_at: stamp(secret.createdAt),
      updated_at: stamp(secret.updatedAt),
      ...(secret.visibility === undefined ? {} : { visibility: secret.visibility }),
      ...(secret.visibility === 'selected'
        ? {
            selected_repositories_url: `${this.server.url}/orgs/-/actions/secrets/${secret.name}/repositories`,
          }
        : {}),
    };
  }
}
