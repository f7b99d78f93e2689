/**
 * The only places the app will open in the user's browser: the providers' own consoles and
 * documentation (each provider module's links), over https. Everything else is refused
 * (Electron security checklist: do not pass untrusted input to `shell.openExternal`).
 */
export function isAllowedExternalUrl(url: string, hosts: ReadonlySet<string>): boolean {
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
    hosts.has(parsed.hostname)
  );
}
