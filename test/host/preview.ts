/**
 * `npm run preview:web`: the real renderer and core in your browser, without Electron.
 * Data goes to .tk-data/preview (or the folder given with --data <dir>).
 *
 * `npm run preview:web -- --demo`: the same against the provider simulators, seeded with
 * realistic tokens, with one connection per provider already added (data in .tk-data/demo,
 * started fresh each time because the simulators are).
 */
import fs from 'node:fs';
import path from 'node:path';
import { applyDemoPlan } from '../../src-main/core/services/demo-connections';
import { startDemoSimulators } from './demo';
import { PROJECT_ROOT, startHost } from './server';

const args = process.argv.slice(2);
const demo = args.includes('--demo');
const dataArg = args.indexOf('--data');
const dataDir =
  dataArg >= 0 && args[dataArg + 1]
    ? path.resolve(args[dataArg + 1]!)
    : path.join(PROJECT_ROOT, demo ? '.tk-data/demo' : '.tk-data/preview');
const portArg = args.indexOf('--port');
const port = portArg >= 0 ? Number(args[portArg + 1]) : 5199;

if (demo) fs.rmSync(dataDir, { recursive: true, force: true });
const simulators = demo ? await startDemoSimulators() : null;
const host = await startHost({ dataDir, port, demo });
if (simulators !== null) {
  // The Mirox sign-in window is the shell's; here the fake session provider logs into the simulator.
  const { email, password } = simulators.miroxSeed;
  host.fakes.sessions.login = async () => ({
    headers: { Cookie: await simulators.mirox.login(email, password) },
  });
  await applyDemoPlan(host.core, simulators.plan, host.core.context.log);
  // A delivery connection to the GitHub Actions simulator, so "Used by" can add a GitHub Actions target.
  await host.core.handlers.addDeliveryConnection({
    kind: 'github',
    label: 'CI secrets (demo)',
    baseUrl: simulators.githubActions.apiUrl,
    token: simulators.githubActionsSeed.writer,
  });
  process.stdout.write(
    `Demo simulators: Mailtrap ${simulators.mailtrap.url} · smoxy ${simulators.smoxy.url} · Mirox ${simulators.mirox.url}\n`,
  );
}
process.stdout.write(
  `Tokenkeeper preview (test host) running.\nOpen: ${host.pageUrl}\nData: ${dataDir}\nPress Ctrl+C to stop.\n`,
);
const stop = () => {
  void host
    .close()
    .then(() => simulators?.close())
    .then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
