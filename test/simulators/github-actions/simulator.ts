/**
 * A GitHub Actions secrets simulator, strict to GitHub's REST docs [GHS]: per repository,
 * environment and organization a libsodium box key pair (GitHub hands out the public half as
 * `{key_id, key}`; the simulator keeps the private half), `PUT .../secrets/{name}` with a value
 * sealed to that key (`crypto_box_seal`), opened here with `crypto_box_seal_open` and checked,
 * `GET .../secrets/{name}` (`{name, created_at, updated_at}`, never the value), 201 when created
 * and 204 when updated, and `GET /user` (what a delivery connection is verified with).
 * A token is a fine-grained one: the repositories and organizations it was granted, and its
 * "Secrets" permission (none, read, write). A repository or organization it cannot see is 404
 * (as GitHub hides them); seen but not writable is 403 (modeled: GitHub does not document it).
 * Tests read what was delivered, decrypted, through `secretValue`.
 * With `pathPrefix: '/api/v3'` it answers as GitHub Enterprise Server does.
 */
import sodium from 'libsodium-wrappers';
import { SimServer, bearer, type SimRequest, type SimResponse, type SimulatorOptions } from '../base';
import { ScopeSecrets, type SecretScope } from './secrets';
import { badCredentials, notAccessible, notFound, requiresAuthentication } from './rules';

export interface GitHubTokenState {
  secret: string;
  login: string;
  userId: number;
  secrets: 'none' | 'read' | 'write';
  /** `owner/repo` (any case) it was granted; null: every repository of its owner. */
  repositories: string[] | null;
  /** Organizations whose secrets it may touch; null: any. */
  organizations: string[] | null;
}

export interface GitHubActionsOptions extends SimulatorOptions {
  /** '' for api.github.com, '/api/v3' for GitHub Enterprise Server. */
  pathPrefix?: string;
}

interface Repository {
  owner: string;
  name: string;
  id: number;
  secrets: ScopeSecrets;
  environments: Map<string, ScopeSecrets>;
}

export class GitHubActionsSimulator extends SimServer {
  readonly tokens = new Map<string, GitHubTokenState>();
  private readonly repositories = new Map<string, Repository>();
  private readonly organizations = new Map<string, { login: string; secrets: ScopeSecrets }>();
  private nextId = 700_000;
  readonly prefix: string;

  constructor(options: GitHubActionsOptions = {}) {
    super(options);
    this.prefix = options.pathPrefix ?? '';
    const p = this.prefix;
    this.route('GET', `${p}/user`, (req) => this.authed(req, (t) => this.user(t)));
    const repoBase = `${p}/repos/:owner/:repo/actions/secrets`;
    const envBase = `${p}/repos/:owner/:repo/environments/:environment/secrets`;
    const orgBase = `${p}/orgs/:org/actions/secrets`;
    for (const base of [repoBase, envBase, orgBase]) {
      this.route('GET', `${base}/public-key`, (req) =>
        this.scoped(req, 'read', (scope) => scope.publicKey()),
      );
      this.route('GET', `${base}/:name`, (req) => this.scoped(req, 'read', (scope) => scope.show(req)));
      this.route('PUT', `${base}/:name`, (req) => this.scoped(req, 'write', (scope) => scope.put(req)));
    }
  }

  override async start(): Promise<this> {
    await sodium.ready;
    return super.start();
  }

  /** The base URL a client uses (with the GHES prefix when there is one). */
  get apiUrl(): string {
    return `${this.url}${this.prefix}`;
  }

  // ---------------------------------------------------------------------------------------------
  // Seeding and inspection (tests)

  addToken(spec: Partial<GitHubTokenState> & { login: string }): GitHubTokenState {
    const token: GitHubTokenState = {
      secret: spec.secret ?? this.mintSecret('github_pat_', 82),
      login: spec.login,
      userId: spec.userId ?? this.nextId++,
      secrets: spec.secrets ?? 'write',
      repositories: spec.repositories ?? null,
      organizations: spec.organizations ?? null,
    };
    this.tokens.set(token.secret, token);
    return token;
  }

  addRepository(owner: string, name: string, environments: string[] = []): void {
    const repo: Repository = {
      owner,
      name,
      id: this.nextId++,
      secrets: new ScopeSecrets(this, 'repository'),
      environments: new Map(),
    };
    for (const environment of environments)
      repo.environments.set(environment.toLowerCase(), new ScopeSecrets(this, 'environment'));
    this.repositories.set(`${owner}/${name}`.toLowerCase(), repo);
  }

  repositoryId(owner: string, name: string): number {
    const repo = this.repositories.get(`${owner}/${name}`.toLowerCase());
    if (repo === undefined) throw new Error(`simulator: no repository ${owner}/${name}`);
    return repo.id;
  }

  addOrganization(login: string): void {
    this.organizations.set(login.toLowerCase(), {
      login,
      secrets: new ScopeSecrets(this, 'organization', () => [...this.repositories.values()].map((r) => r.id)),
    });
  }

  /** The store of one scope, for tests: `{owner, repo}`, `{owner, repo, environment}` or `{org}`. */
  scope(where: SecretScope): ScopeSecrets {
    const found = this.find(where);
    if (found === null) throw new Error('simulator: no such scope');
    return found;
  }

  /** What a delivery put there, decrypted with the scope's private key; null when absent. */
  secretValue(where: SecretScope, name: string): string | null {
    return this.scope(where).valueOf(name);
  }

  // ---------------------------------------------------------------------------------------------

  private find(where: SecretScope): ScopeSecrets | null {
    if ('org' in where) return this.organizations.get(where.org.toLowerCase())?.secrets ?? null;
    const repo = this.repositories.get(`${where.owner}/${where.repo}`.toLowerCase());
    if (repo === undefined) return null;
    if (where.environment === undefined) return repo.secrets;
    return repo.environments.get(where.environment.toLowerCase()) ?? null;
  }

  private credential(req: SimRequest): string | null {
    const value = req.headers.authorization;
    if (typeof value !== 'string') return null;
    const token = /^token\s+(\S+)$/i.exec(value.trim());
    return token?.[1] ?? bearer(req.headers);
  }

  private authed(req: SimRequest, next: (token: GitHubTokenState) => SimResponse): SimResponse {
    const given = this.credential(req);
    if (given === null) return requiresAuthentication();
    const token = this.tokens.get(given);
    if (token === undefined) return badCredentials();
    req.authenticatedAs = token.login;
    return next(token);
  }

  private granted(token: GitHubTokenState, req: SimRequest): boolean {
    const { owner, repo, org } = req.params;
    if (org !== undefined)
      return (
        token.organizations === null || token.organizations.some((o) => o.toLowerCase() === org.toLowerCase())
      );
    const full = `${owner}/${repo}`.toLowerCase();
    if (token.repositories === null) return true;
    return token.repositories.some((r) => r.toLowerCase() === full);
  }

  private scoped(
    req: SimRequest,
    needs: 'read' | 'write',
    next: (scope: ScopeSecrets) => SimResponse,
  ): SimResponse {
    return this.authed(req, (token) => {
      const { owner, repo, environment, org } = req.params;
      const where: SecretScope =
        org !== undefined
          ? { org }
          : { owner: owner ?? '', repo: repo ?? '', ...(environment === undefined ? {} : { environment }) };
      const scope = this.find(where);
      if (scope === null || !this.granted(token, req)) return notFound();
      const allowed = needs === 'read' ? token.secrets !== 'none' : token.secrets === 'write';
      if (!allowed) return notAccessible();
      return next(scope);
    });
  }

  private user(token: GitHubTokenState): SimResponse {
    return {
      status: 200,
      json: { login: token.login, id: token.userId, type: 'User', name: token.login },
    };
  }
}

export async function startGitHubActions(
  options: GitHubActionsOptions = {},
): Promise<GitHubActionsSimulator> {
  return new GitHubActionsSimulator(options).start();
}
