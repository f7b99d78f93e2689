/** npm's registry routes the adapter calls, each with its authority (shared/providers/npm.md). */
import type { EndpointSpec } from '../types';

const BRIEF = 'shared/providers/npm.md';
const AUTH = 'Authorization: Bearer (session or granular token)';

// ENDPOINTS (documented / modeled)
export const NPM_ENDPOINTS = [
  {
    key: 'whoami',
    method: 'GET',
    path: '/-/whoami',
    basis: 'documented',
    source: `${BRIEF} §3 (CLI lib/utils/get-identity.js)`,
    auth: AUTH,
    purpose: 'Check the token and name its user ({username}).',
  },
  {
    key: 'tokens.list',
    method: 'GET',
    path: '/-/npm/v1/tokens?perPage=100',
    basis: 'documented',
    source: `${BRIEF} §3, §5 paging [REG][NP paginate]: urls.next followed as an absolute URL until falsy`,
    auth: AUTH,
    purpose: 'List the user’s tokens, page by page.',
  },
  {
    key: 'tokens.create',
    method: 'POST',
    path: '/-/npm/v1/tokens',
    basis: 'documented',
    source: `${BRIEF} §3 create body as npm 11.19.1 sends it [CLI][PROBE]; the answer’s schema is UNDOC §7 (fields the CLI reads)`,
    auth: `${AUTH}; password in the body; npm-otp header on the OTP challenge`,
    purpose:
      'Create a granular token ({name, password, description, packages / scopes / packages_all, orgs, permission, orgs_permission, expires days, cidr_whitelist}); `token` once.',
  },
  {
    key: 'tokens.create.challenge',
    method: 'POST',
    path: '/-/npm/v1/tokens (again, with npm-otp)',
    basis: 'modeled',
    source: `${BRIEF} §5 OTP challenge [NRF check-response.js][CLI auth.js]; the bodies of a wrong or expired code and of a wrong password are UNDOC §7`,
    auth: `${AUTH}; 401 with www-authenticate: otp, optionally {authUrl, doneUrl}`,
    purpose: 'The create refused until a one-time code (npm-otp) is sent, or confirmed in the browser.',
  },
  {
    key: 'webauth.done',
    method: 'GET',
    path: '/{doneUrl}',
    basis: 'documented',
    source: `${BRIEF} §5 web 2FA [CLI otplease][NP webAuthCheckLogin]: 202 + retry-after while waiting, 200 {token} when done`,
    auth: `${AUTH} (same origin as the registry only)`,
    purpose: 'Poll the browser confirmation; its token is then sent as npm-otp with the create.',
  },
  {
    key: 'tokens.delete',
    method: 'DELETE',
    path: '/-/npm/v1/tokens/token/{key}',
    basis: 'documented',
    source: `${BRIEF} §3 revoke [REG][CLI]: by key, 204; 404 UNDOC`,
    auth: AUTH,
    purpose: 'Revoke a token by its key (may take up to an hour to reach every cache [DOC-RV]).',
  },
] as const satisfies readonly EndpointSpec[];
