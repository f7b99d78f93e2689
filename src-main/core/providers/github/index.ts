/**
 * GitHub: personal access tokens on github.com or a GitHub Enterprise Server, tracked (no API lists
 * them), checked from a pasted value and revoked by value (shared/providers/github.md).
 */
import { defineProvider } from '../module';
import { githubDescriptor, githubRotation } from './descriptor';
import { GITHUB_SECRET_SHAPES } from './kinds';
import { githubPastedTokens } from './pasted-tokens';

/** github.com's API, or a GitHub Enterprise Server's at `https://HOST/api/v3` (§2). */
function checkAddress(url: URL): string | null {
  const path = url.pathname.replace(/\/+$/, '');
  if (url.hostname === 'api.github.com')
    return path === '' ? null : 'GitHub’s API is at https://api.github.com, without a path.';
  if (url.hostname === 'github.com' || url.hostname === 'www.github.com')
    return 'GitHub’s API is at https://api.github.com, not github.com: enter that address, or leave it empty.';
  return path === '/api/v3'
    ? null
    : `A GitHub Enterprise Server’s API is at https://${url.host}/api/v3: enter the address with /api/v3.`;
}

export const github = defineProvider({
  descriptor: githubDescriptor,
  adapter: null,
  rotation: githubRotation,
  // The pasted token goes only to the connection's GitHub: github.com's API or the user's server.
  origins: { userChosen: true, check: checkAddress },
  secretShapes: GITHUB_SECRET_SHAPES,
  pastedTokens: githubPastedTokens,
});
