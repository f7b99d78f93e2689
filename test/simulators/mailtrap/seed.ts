/**
 * Realistic Mailtrap data for tests and the demo: several accounts with different access levels,
 * tokens that expire soon, a reset pair whose old token is in its grace period, and the projects,
 * inboxes and sending domains a new token's resources can name.
 */
import { DAY } from '../base';
import type { MailtrapSimulator } from './simulator';

export interface MailtrapSeed {
  /** The connection's own API token (admin of two accounts, viewer of a third). */
  credential: string;
  accounts: { acme: number; side: number; agency: number };
  /** Resources a create may name: Acme's project, inbox and sending domain, and one inbox of the viewer-only account. */
  resources: { acmeProject: number; acmeInbox: number; acmeDomain: number; agencyInbox: number };
}

export function seedMailtrap(sim: MailtrapSimulator, now = sim.now()): MailtrapSeed {
  const acme = sim.addAccount(3229, 'Acme Mail').id;
  const side = sim.addAccount(4410, 'Side Project').id;
  const agency = sim.addAccount(5120, 'Agency Client').id;
  const acmeProject = sim.addResource({ type: 'project', id: 7001, accountId: acme, name: 'Acme apps' }).id;
  const acmeInbox = sim.addResource({ type: 'inbox', id: 8001, accountId: acme, name: 'Staging' }).id;
  const acmeDomain = sim.addResource({
    type: 'sending_domain',
    id: 9001,
    accountId: acme,
    name: 'mail.acme.test',
  }).id;
  sim.addResource({ type: 'inbox', id: 8101, accountId: side, name: 'Newsletter previews' });
  const agencyInbox = sim.addResource({ type: 'inbox', id: 8201, accountId: agency, name: 'Reports' }).id;
  const admin = sim.addToken({
    name: 'Tokenkeeper',
    account: acme,
    createdBy: 'Jane Doe',
    access: { [acme]: 1000, [side]: 100, [agency]: 10 },
  });
  sim.addToken({ account: acme, name: 'Production SMTP', createdBy: 'Jane Doe', access: { [acme]: 100 } });
  sim.addToken({
    account: acme,
    name: 'CI deploy',
    createdBy: 'Build bot',
    expiresAt: now + 5 * DAY,
    access: { [acme]: 10 },
  });
  sim.addToken({
    account: acme,
    name: 'Staging webhook',
    createdBy: 'Jane Doe',
    expiresAt: now + 25 * DAY,
    access: { [acme]: 10 },
  });
  // A reset two hours ago: the old token is in its grace period, its successor is live.
  sim.addToken({
    account: acme,
    name: 'Billing sender',
    createdBy: 'Jane Doe',
    expiresAt: now + sim.graceMs - 2 * 3_600_000,
    resetAt: now - 2 * 3_600_000,
    access: { [acme]: 100 },
  });
  sim.addToken({ account: acme, name: 'Billing sender', createdBy: 'Tokenkeeper', access: { [acme]: 100 } });
  sim.addToken({ account: side, name: 'Newsletter', createdBy: 'Marketing', access: { [side]: 10 } });
  sim.addToken({
    account: side,
    name: 'Old import',
    createdBy: 'Jane Doe',
    expiresAt: now + 60 * DAY,
    access: { [side]: 100 },
  });
  sim.addToken({ account: agency, name: 'Client reporting', createdBy: 'Agency', access: { [agency]: 10 } });
  return {
    credential: admin.secret,
    accounts: { acme, side, agency },
    resources: { acmeProject, acmeInbox, acmeDomain, agencyInbox },
  };
}
