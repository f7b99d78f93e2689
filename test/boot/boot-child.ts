/**
 * One boot in a process of its own (harness.ts `bootToExit`): app.exit() ends this process with
 * the app's code, as Electron's does, after sending the parent what the app left behind.
 */
import { bootApp, standin, type ChildBootOptions, type ExitReport } from './harness';

const options = JSON.parse(process.argv[2] ?? '{}') as ChildBootOptions;
const { resourcesPath, ...config } = options.config ?? {};

let ended = false;
function end(code: number): void {
  if (ended) return;
  ended = true;
  const report: Omit<ExitReport, 'processExitCode'> = {
    appExitCode: standin.state.exitCode,
    errorBoxes: standin.state.world.errorBoxes,
    userData: standin.userDataPath(),
    windows: standin.allWindows().map((w) => ({ visible: w.isVisible(), destroyed: w.isDestroyed() })),
    channels: standin.handledChannels(),
    gaps: [...standin.state.gaps],
  };
  process.send?.(report, () => process.exit(code));
}

await bootApp({
  ...options,
  config: {
    ...config,
    ...(resourcesPath === undefined ? {} : { resourcesPath: resourcesPath ?? undefined }),
  },
  onExit: end,
});
// The app started and did not exit: report that (the parent expected an exit).
end(0);
