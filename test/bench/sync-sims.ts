/**
 * The provider side of the sync benchmark, in its own process (a provider is another machine:
 * its JSON work must not run on the core's event loop). Starts one simulator per connection,
 * seeds it, prints one JSON line describing the connections, then obeys line commands on stdin:
 *   `latency <ms>`  every later request waits that long before it is handled;
 *   `stats`         prints one JSON line: the requests each simulator received since `reset`;
 *   `reset`         clears the request logs.
 * Exits when stdin closes.
 */
import readline from 'node:readline';
import type { SimServer } from '../simulators/base';
import { ACCOUNT, ZONE } from '../simulators/cloudflare/rules';
import { seedCloudflare, startCloudflare } from '../simulators/cloudflare';
import { startGitLab } from '../simulators/gitlab';
import { startMailtrap } from '../simulators/mailtrap';
import { startSmoxy } from '../simulators/smoxy';
import { remoteTokens } from './lib/data';

export interface SimConnection {
  provider: 'mailtrap' | 'smoxy' | 'cloudflare' | 'gitlab';
  label: string;
  baseUrl: string;
  fields: Record<string, string>;
  accountIds: string[];
  tokens: number;
}

export interface SimSpec {
  mailtrap: { count: number; accounts: number }[];
  smoxy: number;
  /** Cloudflare connections: 49 user tokens (its quota is 50) and the rest owned by two accounts. */
  cloudflare?: number;
  /** GitLab connections listing personal tokens, one project's and one group's (a third each). */
  gitlab?: number;
  tokensPerConnection: number;
}

export interface SimStats {
  label: string;
  requests: number;
}

const spec = JSON.parse(process.argv[2] ?? '{}') as SimSpec;
const now = Date.now();
const sims: { label: string; sim: SimServer }[] = [];
const connections: SimConnection[] = [];
const perConnection = spec.tokensPerConnection;

let index = 0;
for (const group of spec.mailtrap) {
  for (let i = 0; i < group.count; i++, index++) {
    const sim = await startMailtrap();
    const accounts = Array.from(
      { length: group.accounts },
      (_, a) => sim.addAccount(3_000 + a, `Client ${a + 1}`).id,
    );
    const access = Object.fromEntries(accounts.map((id) => [id, 1000]));
    const own = sim.addToken({
      name: 'Tokenkeeper',
      account: accounts[0] ?? 3_000,
      createdBy: 'Jane Doe',
      access,
    });
    // Mailtrap stops listing an expired token, so every seeded token is still valid.
    remoteTokens(perConnection - 1, { now, seed: 1_000 + index, accounts: null }).forEach((t, n) =>
      sim.addToken({
        name: t.name,
        account: accounts[n % accounts.length] ?? 3_000,
        createdBy: t.createdBy ?? 'Jane Doe',
        expiresAt: t.expiresAt !== null && t.expiresAt > now + 86_400_000 ? t.expiresAt : null,
        access: { [accounts[n % accounts.length] ?? 3_000]: 100 },
      }),
    );
    const label = `Mailtrap ${index + 1} (${group.accounts} accounts)`;
    sims.push({ label, sim });
    connections.push({
      provider: 'mailtrap',
      label,
      baseUrl: sim.url,
      fields: { apiToken: own.secret },
      accountIds: accounts.map(String),
      tokens: perConnection,
    });
  }
}
for (let i = 0; i < spec.smoxy; i++, index++) {
  const sim = await startSmoxy();
  sim.addOrganization(12, 'Acme GmbH');
  sim.addOrganization(15, 'Acme Labs');
  const email = `ops${i}@acme.test`;
  const password = 'bench password';
  const user = sim.addUser(email, password, [12, 15]);
  remoteTokens(perConnection, { now, seed: 2_000 + index, accounts: null }).forEach((t, n) =>
    sim.addToken(user, {
      name: t.name,
      createdAt: t.createdAt ?? now,
      expiresAt: t.expiresAt,
      lastUsedAt: t.lastUsedAt,
      organizations: n % 2 === 0 ? [] : ['/api/organizations/12'],
      tokenType: t.legacy ? 'legacy' : 'personal',
    }),
  );
  const label = `smoxy ${i + 1}`;
  sims.push({ label, sim });
  connections.push({
    provider: 'smoxy',
    label,
    baseUrl: sim.url,
    fields: { email, password },
    accountIds: [],
    tokens: perConnection,
  });
}

for (let i = 0; i < (spec.cloudflare ?? 0); i++, index++) {
  // The demo seed (8 tokens once its token may read both accounts), then user tokens up to 49
  // (the quota is 50) and the rest owned by the two accounts alike (each under its 500).
  const sim = await startCloudflare();
  const seed = seedCloudflare(sim);
  sim.tokens
    .get(seed.credentialId)
    ?.policies.push(sim.policy(['Account API Tokens Read'], { [`${ACCOUNT}.${seed.side}`]: '*' }));
  const zones = { [`${ACCOUNT}.${seed.acme}`]: { [`${ZONE}.*`]: '*' } };
  remoteTokens(perConnection - 8, { now, seed: 3_000 + index, accounts: null }).forEach((t, n) =>
    sim.addToken({
      name: t.name,
      ...(n < 43 ? {} : { family: 'account' as const, owner: n % 2 === 0 ? seed.acme : seed.side }),
      issuedOn: t.createdAt ?? now,
      lastUsedOn: t.lastUsedAt,
      expiresOn: t.expiresAt !== null && t.expiresAt > now + 86_400_000 ? t.expiresAt : null,
      policies: [sim.policy(['DNS Read'], zones)],
    }),
  );
  const label = `Cloudflare ${i + 1}`;
  sims.push({ label, sim });
  connections.push({
    provider: 'cloudflare',
    label,
    baseUrl: sim.url,
    fields: { apiToken: seed.credential },
    accountIds: [seed.acme, seed.side],
    tokens: perConnection,
  });
}

for (let i = 0; i < (spec.gitlab ?? 0); i++, index++) {
  const sim = await startGitLab();
  const user = sim.addUser({ id: 41, username: `dev${i}`, name: `Developer ${i + 1}` });
  const own = sim.addToken({ userId: user.id, name: 'Tokenkeeper', scopes: ['api'] });
  const project = sim.resources.add({
    kind: 'project',
    id: 101,
    name: 'Web',
    path: 'acme/web',
    members: { 41: 40 },
  });
  const group = sim.resources.add({ kind: 'group', id: 7, name: 'Acme', path: 'acme', members: { 41: 50 } });
  const day = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString().slice(0, 10));
  // GitLab keeps listing expired tokens; every token has an expiry (required since 16.0).
  remoteTokens(perConnection - 1, { now, seed: 3_000 + index, accounts: null }).forEach((t, n) => {
    const fields = {
      name: t.name,
      scopes: n % 2 === 0 ? ['read_api'] : ['api', 'write_repository'],
      createdAt: t.createdAt ?? now,
      expiresAt: day(t.expiresAt ?? now + 200 * 86_400_000),
      lastUsedAt: t.lastUsedAt,
    };
    if (n % 3 === 0) sim.addToken({ ...fields, userId: user.id });
    else sim.resources.addToken(n % 3 === 1 ? project : group, { ...fields, accessLevel: 30 });
  });
  const label = `GitLab ${i + 1}`;
  sims.push({ label, sim });
  connections.push({
    provider: 'gitlab',
    label,
    baseUrl: sim.url,
    fields: { accessToken: own.secret },
    accountIds: ['personal', 'project:101', 'group:7'],
    tokens: perConnection,
  });
}

process.stdout.write(`${JSON.stringify(connections)}\n`);

const lines = readline.createInterface({ input: process.stdin });
lines.on('line', (line) => {
  const [command, arg] = line.trim().split(/\s+/);
  if (command === 'latency') {
    for (const { sim } of sims) {
      sim.clearFaults();
      sim.inject({ fault: { kind: 'latency', ms: Number(arg) }, times: Number.POSITIVE_INFINITY });
    }
    process.stdout.write('{"ok":true}\n');
  } else if (command === 'reset') {
    for (const { sim } of sims) sim.resetLog();
    process.stdout.write('{"ok":true}\n');
  } else if (command === 'stats') {
    const stats: SimStats[] = sims.map(({ label, sim }) => ({ label, requests: sim.requests.length }));
    process.stdout.write(`${JSON.stringify(stats)}\n`);
  }
});
lines.on('close', () => {
  void Promise.all(sims.map(({ sim }) => sim.close())).then(() => process.exit(0));
});
