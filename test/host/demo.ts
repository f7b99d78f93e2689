/**
 * The demo's provider side: the Mailtrap, smoxy, Mirox, GitHub, GitLab, Cloudflare, Datadog, Vercel and npm
 * simulators on 127.0.0.1, seeded with
 * realistic tokens, and the plan that creates one connection per provider against them (plus a
 * smenso workspace tracked by hand). Used by `npm run preview:web -- --demo` (test host) and
 * `npm run demo` (Electron).
 */
import type { DemoPlan } from '../../src-main/core/services/demo-connections';
import { type CloudflareSimulator, seedCloudflare, startCloudflare } from '../simulators/cloudflare';
import { type DatadogSimulator, seedDatadog, startDatadog } from '../simulators/datadog';
import { type GitHubSimulator, seedGitHub, startGitHub } from '../simulators/github';
import {
  type GitHubActionsSeed,
  type GitHubActionsSimulator,
  seedGitHubActions,
  startGitHubActions,
} from '../simulators/github-actions';
import { type GitLabSimulator, seedGitLab, startGitLab } from '../simulators/gitlab';
import { type MailtrapSimulator, seedMailtrap, startMailtrap } from '../simulators/mailtrap';
import { type MiroxSeed, type MiroxSimulator, seedMirox, startMirox } from '../simulators/mirox';
import { type NpmSimulator, seedNpm, startNpm } from '../simulators/npm';
import { type SmoxySimulator, seedSmoxy, startSmoxy } from '../simulators/smoxy';
import { type VercelSimulator, seedVercel, startVercel } from '../simulators/vercel';

export interface DemoSimulators {
  mailtrap: MailtrapSimulator;
  smoxy: SmoxySimulator;
  mirox: MiroxSimulator;
  github: GitHubSimulator;
  /** The GitHub Actions secrets API a demo delivery connection points at (remote delivery targets). */
  githubActions: GitHubActionsSimulator;
  githubActionsSeed: GitHubActionsSeed;
  gitlab: GitLabSimulator;
  cloudflare: CloudflareSimulator;
  datadog: DatadogSimulator;
  vercel: VercelSimulator;
  npm: NpmSimulator;
  miroxSeed: MiroxSeed;
  plan: DemoPlan;
  close(): Promise<void>;
}

export async function startDemoSimulators(
  options: { now?: () => number; miroxAutoLogin?: boolean } = {},
): Promise<DemoSimulators> {
  const now = options.now ?? (() => Date.now());
  const mailtrap = await startMailtrap({ now });
  const smoxy = await startSmoxy({ now });
  // In the Electron demo the sign-in window opens the simulator's login page, which then signs
  // the demo user in by itself.
  const mirox = await startMirox({
    now,
    ...(options.miroxAutoLogin === true ? { autoLoginEmail: 'ops@acme.test' } : {}),
  });
  const github = await startGitHub({ now });
  const githubSeed = seedGitHub(github);
  const githubActions = await startGitHubActions({ now });
  const githubActionsSeed = seedGitHubActions(githubActions);
  const gitlab = await startGitLab({ now });
  const gitlabSeed = seedGitLab(gitlab);
  const cloudflare = await startCloudflare({ now });
  const cloudflareSeed = seedCloudflare(cloudflare);
  // Datadog's EU1 site, played by its simulator on 127.0.0.1 (the developer setting allows it).
  const datadog = await startDatadog({ now });
  const datadogSeed = seedDatadog(datadog);
  const vercel = await startVercel({ now });
  const vercelSeed = seedVercel(vercel);
  const npm = await startNpm({ now });
  const npmSeed = seedNpm(npm);
  const mailtrapSeed = seedMailtrap(mailtrap);
  const smoxySeed = seedSmoxy(smoxy);
  const miroxSeed = seedMirox(mirox);

  const plan: DemoPlan = {
    acceptWeakStorage: true,
    connections: [
      {
        provider: 'mailtrap',
        mode: 'api',
        label: 'Mailtrap (Acme)',
        baseUrl: mailtrap.url,
        fields: { apiToken: mailtrapSeed.credential },
        accountIds: [String(mailtrapSeed.accounts.acme), String(mailtrapSeed.accounts.side)],
        tracked: [],
      },
      {
        provider: 'smoxy',
        mode: 'api',
        label: 'smoxy CDN',
        baseUrl: smoxy.url,
        fields: { email: smoxySeed.email, password: smoxySeed.password, apiToken: smoxySeed.apiToken },
        accountIds: [],
        tracked: [],
      },
      {
        provider: 'mirox',
        mode: 'api',
        label: 'Mirox monitoring',
        baseUrl: mirox.url,
        fields: {},
        accountIds: [],
        tracked: [],
      },
      {
        // Tracked (GitHub has no API for personal tokens): two checked from a pasted value, one by hand.
        provider: 'github',
        mode: 'tracked',
        label: 'GitHub (octocat)',
        baseUrl: github.url,
        fields: {},
        accountIds: [],
        tracked: [
          {
            name: 'Homebrew tap release',
            accountName: 'octocat',
            last4: 'Qm7x',
            createdDaysAgo: 300,
            expiresInDays: null,
            note: 'Classic token on the old laptop; replace with a fine-grained one.',
          },
        ],
        pasted: [
          { value: githubSeed.classic.secret, name: 'CI deploy (Actions)' },
          { value: githubSeed.fineGrained.secret, name: 'Renovate bot' },
        ],
      },
      {
        provider: 'gitlab',
        mode: 'api',
        label: 'GitLab (self-managed)',
        baseUrl: gitlab.url,
        fields: { accessToken: gitlabSeed.credential },
        accountIds: ['personal', `project:${gitlabSeed.project.id}`, `group:${gitlabSeed.group.id}`],
        tracked: [],
      },
      {
        provider: 'cloudflare',
        mode: 'api',
        label: 'Cloudflare (Acme)',
        baseUrl: cloudflare.url,
        fields: { apiToken: cloudflareSeed.credential },
        accountIds: [cloudflareSeed.acme, cloudflareSeed.side],
        tracked: [],
      },
      {
        provider: 'datadog',
        mode: 'api',
        label: 'Datadog (Acme, EU1)',
        baseUrl: datadog.url,
        fields: datadogSeed.fields,
        accountIds: ['api_keys', 'application_keys'],
        tracked: [],
      },
      {
        provider: 'vercel',
        mode: 'api',
        label: 'Vercel (ada)',
        baseUrl: vercel.url,
        fields: { apiToken: vercelSeed.credential },
        accountIds: [vercel.user.id],
        tracked: [],
      },
      {
        provider: 'npm',
        mode: 'api',
        label: 'npm (jane-acme)',
        baseUrl: npm.url,
        fields: { accessToken: npmSeed.session },
        accountIds: [],
        tracked: [],
      },
      {
        provider: 'smenso',
        mode: 'tracked',
        label: 'smenso (Acme workspace)',
        baseUrl: null,
        fields: {},
        accountIds: [],
        tracked: [
          {
            name: 'CRM Integration - Production',
            accountName: 'Acme Sales',
            last4: 'k9Qz',
            createdDaysAgo: 340,
            expiresInDays: 25,
            note: 'Used by the HubSpot sync job.',
          },
          {
            name: 'Reporting export',
            accountName: 'Acme Sales',
            last4: 'p2Lm',
            createdDaysAgo: 200,
            expiresInDays: 165,
            note: null,
          },
          {
            name: 'Timesheet bot',
            accountName: 'Acme Operations',
            last4: null,
            createdDaysAgo: 362,
            expiresInDays: 3,
            note: 'Owner: Sam (ops).',
          },
        ],
      },
    ],
    rotate: [
      // A reset: the old token shows in its grace period, linked to its successor.
      { connectionLabel: 'Mailtrap (Acme)', tokenName: 'Production SMTP' },
      // A create-then-delete rotation waiting for confirmation.
      { connectionLabel: 'smoxy CDN', tokenName: 'Legacy import' },
    ],
  };

  return {
    mailtrap,
    smoxy,
    mirox,
    github,
    githubActions,
    githubActionsSeed,
    gitlab,
    cloudflare,
    datadog,
    vercel,
    npm,
    miroxSeed,
    plan,
    async close() {
      await Promise.all([
        mailtrap.close(),
        smoxy.close(),
        mirox.close(),
        github.close(),
        githubActions.close(),
        gitlab.close(),
        cloudflare.close(),
        datadog.close(),
        vercel.close(),
        npm.close(),
      ]);
    },
  };
}
