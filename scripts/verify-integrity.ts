/**
 * The packaged app's integrity, checked in the afterPack hook (electron-builder.config.ts) on
 * the real package, before it is signed and turned into an installer:
 *
 * - The fuses. electron-builder flips them right before signing, after afterPack, so the hook
 *   flips the same configuration itself (`flipRequiredFuses`, electron-builder's documented way)
 *   and then reads the wire back from the Electron binary: each fuse Tokenkeeper relies on must be
 *   in its required state there, not just in the configuration. electron-builder's own pass
 *   afterwards writes the same values again.
 * - ASAR integrity. With EnableEmbeddedAsarIntegrityValidation and OnlyLoadAppFromAsar on,
 *   Electron refuses to start if app.asar's header does not hash to the value stamped into the
 *   app: in Info.plist (`ElectronAsarIntegrity`, macOS) or the executable's
 *   INTEGRITY/ELECTRONASAR resource (Windows). Electron checks this on macOS and Windows only;
 *   on Linux the fuse has no effect (docs/release.md).
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { getRawHeader } from '@electron/asar';
import {
  FuseV1Options,
  FuseVersion,
  flipFuses,
  getCurrentFuseWire,
  type FuseV1Config,
} from '@electron/fuses';

/** What each fuse must be in a Tokenkeeper package (electron-builder's `electronFuses` names). */
export const REQUIRED_FUSES = {
  runAsNode: false,
  enableCookieEncryption: true,
  enableNodeOptionsEnvironmentVariable: false,
  enableNodeCliInspectArguments: false,
  enableEmbeddedAsarIntegrityValidation: true,
  onlyLoadAppFromAsar: true,
  grantFileProtocolExtraPrivileges: false,
} as const;

export type FuseName = keyof typeof REQUIRED_FUSES;

const WIRE_INDEX: Record<FuseName, FuseV1Options> = {
  runAsNode: FuseV1Options.RunAsNode,
  enableCookieEncryption: FuseV1Options.EnableCookieEncryption,
  enableNodeOptionsEnvironmentVariable: FuseV1Options.EnableNodeOptionsEnvironmentVariable,
  enableNodeCliInspectArguments: FuseV1Options.EnableNodeCliInspectArguments,
  enableEmbeddedAsarIntegrityValidation: FuseV1Options.EnableEmbeddedAsarIntegrityValidation,
  onlyLoadAppFromAsar: FuseV1Options.OnlyLoadAppFromAsar,
  grantFileProtocolExtraPrivileges: FuseV1Options.GrantFileProtocolExtraPrivileges,
};

/** '0' and '1' in the binary's fuse wire. */
const ENABLED = 49;
const DISABLED = 48;

/** What the configuration's `electronFuses` gets wrong, or leaves out. */
export function fuseConfigProblems(
  configured: Partial<Record<FuseName, unknown>> | null | undefined,
): string[] {
  return (Object.entries(REQUIRED_FUSES) as [FuseName, boolean][])
    .filter(([name, wanted]) => configured?.[name] !== wanted)
    .map(
      ([name, wanted]) => `electronFuses.${name} must be ${wanted} (it is ${String(configured?.[name])}).`,
    );
}

/** Flips the required fuses in the Electron binary at `binary`, as electron-builder will. */
export async function flipRequiredFuses(binary: string): Promise<void> {
  const config: FuseV1Config = { version: FuseVersion.V1 };
  for (const [name, wanted] of Object.entries(REQUIRED_FUSES) as [FuseName, boolean][])
    config[WIRE_INDEX[name]] = wanted;
  await flipFuses(binary, config);
}

/** Reads the fuse wire of the Electron binary and names every fuse not in its required state. */
export async function fuseWireProblems(binary: string): Promise<string[]> {
  let wire: Record<number, number>;
  try {
    wire = (await getCurrentFuseWire(binary)) as unknown as Record<number, number>;
  } catch (error) {
    return [`The Electron binary ${binary} has no fuse wire to read (${(error as Error).message}).`];
  }
  const problems: string[] = [];
  for (const [name, wanted] of Object.entries(REQUIRED_FUSES) as [FuseName, boolean][]) {
    const state = wire[WIRE_INDEX[name]];
    if (state !== (wanted ? ENABLED : DISABLED)) {
      const now = state === ENABLED ? 'on' : state === DISABLED ? 'off' : 'missing';
      problems.push(
        `The fuse ${FuseV1Options[WIRE_INDEX[name]]} is ${now} in the binary; it must be ${wanted ? 'on' : 'off'}.`,
      );
    }
  }
  return problems;
}

/** The SHA-256 of app.asar's header: the value Electron compares at start. */
export function asarHeaderHash(asar: string): string {
  return createHash('sha256').update(getRawHeader(asar).headerString).digest('hex');
}

/** The hash stamped into a macOS Info.plist for Resources/app.asar, or null. */
export function plistAsarHash(plist: string): string | null {
  const block = /<key>ElectronAsarIntegrity<\/key>\s*<dict>([\s\S]*?)<\/dict>\s*<\/dict>/.exec(plist)?.[1];
  if (block === undefined) return null;
  const entry = /<key>Resources\/app\.asar<\/key>\s*<dict>([\s\S]*)/.exec(block)?.[1] ?? '';
  const algorithm = /<key>algorithm<\/key>\s*<string>([^<]*)<\/string>/.exec(entry)?.[1];
  const hash = /<key>hash<\/key>\s*<string>([0-9a-f]{64})<\/string>/.exec(entry)?.[1];
  return algorithm === 'SHA256' && hash !== undefined ? hash : null;
}

/** The hash in a Windows executable's INTEGRITY/ELECTRONASAR resource for resources\app.asar, or null. */
export function exeAsarHash(exe: Buffer): string | null {
  const text = exe.toString('latin1');
  const match = /"file":"resources\\\\app\.asar","alg":"SHA256","value":"([0-9a-f]{64})"/.exec(text);
  return match?.[1] ?? null;
}

export interface IntegrityTarget {
  platform: string;
  /** app.asar of the package. */
  asar: string;
  /** macOS: Contents/Info.plist. Windows: the app's .exe. */
  stampedIn: string;
}

/** Whether app.asar's header hash is stamped where Electron looks for it on this platform. */
export function asarIntegrityProblems(target: IntegrityTarget): string[] {
  if (target.platform !== 'darwin' && target.platform !== 'mas' && target.platform !== 'win32') return [];
  if (!fs.existsSync(target.stampedIn))
    return [`${target.stampedIn} is missing, so app.asar's integrity cannot be checked.`];
  const stamped =
    target.platform === 'win32'
      ? exeAsarHash(fs.readFileSync(target.stampedIn))
      : plistAsarHash(fs.readFileSync(target.stampedIn, 'utf8'));
  if (stamped === null) {
    return [
      `No ASAR integrity hash for app.asar in ${target.stampedIn}: with the integrity fuse on, Electron would refuse to start.`,
    ];
  }
  const actual = asarHeaderHash(target.asar);
  return stamped === actual
    ? []
    : [
        `The ASAR integrity hash in ${target.stampedIn} (${stamped}) is not app.asar's (${actual}): the app would refuse to start.`,
      ];
}
