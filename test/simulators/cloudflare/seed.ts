/**
 * Realistic Cloudflare data for tests and the demo: one user with two accounts and three zones;
 * the connection's own token (API Tokens Write, Account API Tokens Write on Acme, Zone Read on
 * Acme's zones); user tokens that expire soon, have expired, were never used, are disabled or
 * carry an IP condition; account-owned tokens in Acme, and one in an account the connection's
 * token may not read.
 */
import { DAY } from '../base';
import { ACCOUNT, USER, ZONE } from './rules';
import type { CloudflareSimulator } from './simulator';

export interface CloudflareSeed {
  credential: string;
  credentialId: string;
  acme: string;
  side: string;
  /** Tokens a sync of both accounts lists (user tokens incl. the recently expired one, Acme's own). */
  listed: number;
}

const GROUPS: [string, string, boolean][] = [
  ['API Tokens Read', USER, true],
  ['API Tokens Write', USER, true],
  ['Account API Tokens Read', ACCOUNT, true],
  ['Account API Tokens Write', ACCOUNT, true],
  ['DNS Read', ZONE, true],
  ['DNS Write', ZONE, true],
  ['Zone Read', ZONE, true],
  ['Zone Settings Write', ZONE, true],
  ['Cache Purge', ZONE, true],
  ['Workers Scripts Write', ACCOUNT, true],
  // Not held by the user: asking for it is refused (a token cannot have more than its creator).
  ['Workers R2 Storage Write', ACCOUNT, false],
  ['Account Settings Read', ACCOUNT, true],
];

export function seedCloudflare(sim: CloudflareSimulator, now = sim.now()): CloudflareSeed {
  for (const [name, scope, held] of GROUPS) sim.addGroup(name, [scope], held);
  const acme = sim.addAccount('Acme Inc');
  const side = sim.addAccount('Side project');
  const example = sim.addZone(acme.id, 'example.com');
  sim.addZone(acme.id, 'acme.dev');
  sim.addZone(side.id, 'side.dev');
  const user = { [`${USER}.${sim.userTag}`]: '*' };
  const acmeZones = { [`${ACCOUNT}.${acme.id}`]: { [`${ZONE}.*`]: '*' } };
  const own = sim.addToken({
    name: 'Tokenkeeper',
    policies: [
      sim.policy(['API Tokens Write'], user),
      sim.policy(['Account API Tokens Write'], { [`${ACCOUNT}.${acme.id}`]: '*' }),
      sim.policy(['Zone Read'], acmeZones),
    ],
    expiresOn: now + 200 * DAY,
    lastUsedOn: now - DAY,
  });
  sim.addToken({
    name: 'CI deploy',
    policies: [sim.policy(['DNS Write'], { [`${ZONE}.${example.id}`]: '*' })],
    condition: { in: ['192.0.2.0/24'] },
    expiresOn: now + 5 * DAY,
    lastUsedOn: now - 2 * 3_600_000,
  });
  sim.addToken({
    name: 'Cache purge',
    policies: [sim.policy(['Cache Purge'], acmeZones)],
    lastUsedOn: now - 3 * DAY,
  });
  sim.addToken({
    name: 'Workers deploy',
    policies: [sim.policy(['Workers Scripts Write'], { [`${ACCOUNT}.${acme.id}`]: '*' })],
    expiresOn: now + 60 * DAY,
  });
  sim.addToken({
    name: 'Old laptop',
    policies: [sim.policy(['DNS Read'], { [`${ZONE}.*`]: '*' })],
    expiresOn: now - 3 * DAY,
    lastUsedOn: now - 40 * DAY,
  });
  sim.addToken({
    name: 'Paused export',
    disabled: true,
    policies: [sim.policy(['Zone Read'], acmeZones)],
  });
  sim.addToken({
    family: 'account',
    owner: acme.id,
    name: 'Terraform',
    policies: [sim.policy(['DNS Write', 'Zone Settings Write'], acmeZones)],
    expiresOn: now + 300 * DAY,
    lastUsedOn: now - 6 * 3_600_000,
  });
  sim.addToken({
    family: 'account',
    owner: side.id,
    name: 'Side CI',
    policies: [sim.policy(['Workers Scripts Write'], { [`${ACCOUNT}.${side.id}`]: '*' })],
  });
  return { credential: own.secret, credentialId: own.id, acme: acme.id, side: side.id, listed: 7 };
}
