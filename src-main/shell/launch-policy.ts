/**
 * What a packaged Tokenkeeper refuses to start with, and which development switches it ignores.
 * Kept free of `electron` so it is unit-tested in Node.
 *
 * A debugging switch would let any program that can start the app as the user drive it, read
 * its memory and every secret that passes through it: `--remote-debugging-port` and
 * `--remote-debugging-pipe` (Chromium's DevTools protocol), `--inspect` and its kin (Node's
 * inspector in main; the EnableNodeCliInspectArguments fuse also turns these off in the binary).
 * The environment overrides are for development and the tests only: a packaged app uses its own
 * data folder and never runs a demo plan or loads its window from a dev server.
 */
export const REFUSED_SWITCHES = [
  'remote-debugging-port',
  'remote-debugging-pipe',
  'remote-debugging-address',
  'remote-allow-origins',
  'inspect',
  'inspect-brk',
  'inspect-port',
  'inspect-publish-uid',
  'debug',
  'debug-brk',
  'js-flags',
] as const;

/** The refused switches present, by `app.commandLine.hasSwitch` and in argv (`--inspect=9229`). */
export function refusedSwitches(hasSwitch: (name: string) => boolean, argv: readonly string[]): string[] {
  const inArgv = (name: string) => argv.some((arg) => arg === `--${name}` || arg.startsWith(`--${name}=`));
  return REFUSED_SWITCHES.filter((name) => hasSwitch(name) || inArgv(name));
}

export interface DevelopmentOverrides {
  userData: string | null;
  demoPlan: string | null;
  rendererUrl: string | null;
  /** The developer setting for loopback connection addresses (the simulators): TOKENKEEPER_ALLOW_LOOPBACK=1. */
  allowLoopback: boolean;
}

/**
 * TOKENKEEPER_USER_DATA, TOKENKEEPER_DEMO_PLAN, ELECTRON_RENDERER_URL and
 * TOKENKEEPER_ALLOW_LOOPBACK, honoured only unpackaged.
 */
export function developmentOverrides(
  env: Readonly<Record<string, string | undefined>>,
  isPackaged: boolean,
): DevelopmentOverrides {
  if (isPackaged) return { userData: null, demoPlan: null, rendererUrl: null, allowLoopback: false };
  const value = (name: string) => (env[name] === undefined || env[name] === '' ? null : env[name]);
  return {
    userData: value('TOKENKEEPER_USER_DATA'),
    demoPlan: value('TOKENKEEPER_DEMO_PLAN'),
    rendererUrl: value('ELECTRON_RENDERER_URL'),
    allowLoopback: env.TOKENKEEPER_ALLOW_LOOPBACK === '1',
  };
}
