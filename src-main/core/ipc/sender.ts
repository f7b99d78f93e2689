/**
 * Which frames may call the contract: only the app's own page, loaded from the app protocol (or,
 * in development, the local dev server). Anything else (an iframe, a navigated-away frame, a
 * remote page) is refused before its payload is even parsed.
 */
export const APP_ORIGIN = 'app://tokenkeeper';

export function isTrustedSenderUrl(url: string | null | undefined, devServerUrl?: string | null): boolean {
  if (typeof url !== 'string' || url.length === 0) return false;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (`${parsed.protocol}//${parsed.host}` === APP_ORIGIN) return true;
  if (devServerUrl) {
    try {
      const dev = new URL(devServerUrl);
      return parsed.origin === dev.origin && (dev.hostname === 'localhost' || dev.hostname === '127.0.0.1');
    } catch {
      return false;
    }
  }
  return false;
}
