/**
 * The only places the app will open in the user's browser: the providers' own consoles and
 * documentation, over https. Everything else is refused (Electron security checklist: do not
 * pass untrusted input to `shell.openExternal`).
 */
import { PROVIDER_DESCRIPTORS } from './providers/descriptors';

const EXTRA_HOSTS = [
  'docs.smoxy.eu',
  'app.smoxy.eu',
  'developers.smenso.de',
  'app.smenso.cloud',
  'api-docs.mailtrap.io',
];

export const EXTERNAL_HOSTS: ReadonlySet<string> = new Set([
  ...Object.values(PROVIDER_DESCRIPTORS).flatMap((d) =>
    [d.adminUrl, d.docsUrl, d.defaultBaseUrl]
      .filter((u): u is string => u !== null)
      .map((u) => new URL(u).hostname),
  ),
  ...EXTRA_HOSTS,
]);

export function isAllowedExternalUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return (
    parsed.protocol === 'https:' &&
    parsed.username === '' &&
    parsed.password === '' &&
    EXTERNAL_HOSTS.has(parsed.hostname)
  );
}
