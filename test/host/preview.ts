/**
 * `npm run preview:web`: the real renderer and core in your browser, without Electron.
 * Data goes to .tk-data/preview (or the folder given with --data <dir>).
 */
import path from 'node:path';
import { PROJECT_ROOT, startHost } from './server';

const args = process.argv.slice(2);
const dataArg = args.indexOf('--data');
const dataDir = dataArg >= 0 && args[dataArg + 1] ? path.resolve(args[dataArg + 1]!) : path.join(PROJECT_ROOT, '.tk-data/preview');
const portArg = args.indexOf('--port');
const port = portArg >= 0 ? Number(args[portArg + 1]) : 5199;

const host = await startHost({ dataDir, port });
process.stdout.write(`Tokenkeeper preview (test host) running.\nOpen: ${host.pageUrl}\nData: ${dataDir}\nPress Ctrl+C to stop.\n`);
const stop = () => {
  void host.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
