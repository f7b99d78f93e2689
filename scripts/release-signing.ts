/**
 * What the installer build can sign and notarize, decided from environment variables only (never
 * from a file in the repository), and a plain report of what will be skipped and why.
 *
 * electron-builder itself reads the certificates (CSC_LINK/CSC_KEY_PASSWORD, WIN_CSC_LINK/
 * WIN_CSC_KEY_PASSWORD, CSC_NAME) and the notarization credentials (APPLE_*); this module only
 * decides whether notarization is switched on (it needs a complete set of credentials) and tells
 * the person building what they are about to get. A missing credential is not an error: a local
 * build is simply unsigned. Set TOKENKEEPER_REQUIRE_SIGNING=1 for a release build, and a missing
 * certificate fails the build instead (electron-builder's `forceCodeSigning`). In CI (the `CI`
 * variable every CI service sets) signing is required unless TOKENKEEPER_ALLOW_UNSIGNED=1 says
 * the build is a trial: a release from CI can never come out unsigned by accident.
 *
 * Only the names of variables are ever printed, never their values.
 */

export type Env = Readonly<Record<string, string | undefined>>;

export type NotarizeMethod = 'api-key' | 'apple-id' | 'keychain-profile';

export interface SigningStatus {
  /** A macOS signing certificate was given (CSC_LINK or CSC_NAME); otherwise electron-builder looks in the keychain. */
  macCertificate: boolean;
  /** How notarization will authenticate, or null when it is skipped. */
  notarize: NotarizeMethod | null;
  /** A Windows signing certificate was given (WIN_CSC_LINK, or CSC_LINK used for both). */
  windowsCertificate: boolean;
  /** Whether a missing certificate must fail the build. */
  requireSigning: boolean;
  /** Why it must: asked for, or a CI build (null when it need not). */
  requiredBy: 'TOKENKEEPER_REQUIRE_SIGNING' | 'CI' | null;
  /** One line per platform saying what will happen. */
  report: { mac: string[]; windows: string[]; linux: string[] };
}

// In the order electron-builder looks for them (MacTargetHelper.getNotarizeOptions). Apple
// recommends the App Store Connect API key (APPLE_API_KEY is the path to the .p8 file).
const NOTARIZE_SETS: { method: NotarizeMethod; vars: readonly string[] }[] = [
  { method: 'apple-id', vars: ['APPLE_ID', 'APPLE_APP_SPECIFIC_PASSWORD', 'APPLE_TEAM_ID'] },
  { method: 'api-key', vars: ['APPLE_API_KEY', 'APPLE_API_KEY_ID', 'APPLE_API_ISSUER'] },
  { method: 'keychain-profile', vars: ['APPLE_KEYCHAIN_PROFILE'] },
];

const present = (env: Env, name: string) => (env[name] ?? '').trim() !== '';

/** CI services set CI (GitHub Actions, GitLab, CircleCI, Travis, Azure Pipelines, Buildkite...). */
export function isCi(env: Env): boolean {
  const value = (env.CI ?? '').trim().toLowerCase();
  return value !== '' && value !== '0' && value !== 'false';
}

export function signingStatus(env: Env): SigningStatus {
  const macCertificate = present(env, 'CSC_LINK') || present(env, 'CSC_NAME');
  const windowsCertificate = present(env, 'WIN_CSC_LINK') || present(env, 'CSC_LINK');
  const requiredBy =
    env.TOKENKEEPER_REQUIRE_SIGNING === '1'
      ? 'TOKENKEEPER_REQUIRE_SIGNING'
      : isCi(env) && env.TOKENKEEPER_ALLOW_UNSIGNED !== '1'
        ? 'CI'
        : null;
  const requireSigning = requiredBy !== null;
  const complete = NOTARIZE_SETS.find((set) => set.vars.every((name) => present(env, name)));
  const notarize = complete?.method ?? null;

  const mac: string[] = [];
  if (present(env, 'CSC_LINK')) mac.push('macOS: signing with the Developer ID certificate from CSC_LINK.');
  else if (present(env, 'CSC_NAME')) mac.push('macOS: signing with the keychain identity named by CSC_NAME.');
  else
    mac.push(
      'macOS: no CSC_LINK or CSC_NAME; electron-builder uses a "Developer ID Application" identity from the login keychain if there is one, ' +
        'otherwise the app is NOT signed (fine for a local test, never for users: Gatekeeper blocks it).',
    );
  if (notarize !== null) {
    mac.push(
      `macOS: notarizing with ${NOTARIZE_SETS.find((set) => set.method === notarize)?.vars.join(', ')}.`,
    );
  } else {
    const partial = NOTARIZE_SETS.map((set) => ({
      set,
      missing: set.vars.filter((name) => !present(env, name)),
    })).find(({ set, missing }) => missing.length > 0 && missing.length < set.vars.length);
    mac.push(
      'macOS: notarization skipped' +
        (partial === undefined ? '' : ` (${partial.missing.join(', ')} missing)`) +
        '. Set APPLE_API_KEY, APPLE_API_KEY_ID and APPLE_API_ISSUER (recommended), or APPLE_ID, APPLE_APP_SPECIFIC_PASSWORD and APPLE_TEAM_ID, ' +
        'or APPLE_KEYCHAIN_PROFILE (with APPLE_KEYCHAIN).',
    );
  }

  const windows = [
    windowsCertificate
      ? `Windows: signing the app and installer with the certificate from ${present(env, 'WIN_CSC_LINK') ? 'WIN_CSC_LINK' : 'CSC_LINK'}.`
      : 'Windows: no WIN_CSC_LINK or CSC_LINK; the app and installer are NOT signed (SmartScreen warns users who run it).',
  ];
  const linux = [
    'Linux: AppImage, deb and rpm are not code-signed (publish SHA-256 checksums next to them).',
  ];
  if (requiredBy !== null) {
    const note =
      requiredBy === 'CI'
        ? 'CI build: a release from CI must be signed, so a missing certificate fails the build (TOKENKEEPER_ALLOW_UNSIGNED=1 for a trial build).'
        : 'TOKENKEEPER_REQUIRE_SIGNING=1: a missing certificate fails the build.';
    mac.push(note);
    windows.push(note);
  }
  return {
    macCertificate,
    notarize,
    windowsCertificate,
    requireSigning,
    requiredBy,
    report: { mac, windows, linux },
  };
}

/** The lines to print for the platform electron-builder is packaging (`darwin`, `win32`, `linux`). */
export function signingReport(status: SigningStatus, platform: string): string[] {
  if (platform === 'darwin' || platform === 'mas') return status.report.mac;
  if (platform === 'win32') return status.report.windows;
  return status.report.linux;
}
