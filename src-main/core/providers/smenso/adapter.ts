/**
 * smenso: no token-management API is documented. Tokens are created and deleted only in the
 * Admin Center, per workspace, valid for at most one year. Tokenkeeper tracks them from metadata
 * the user enters (handled for every tracked token in handlers/tokens.ts) and guides a manual
 * rotation. This adapter exists so the registry is complete; every remote operation refuses.
 */
import { AppError } from '../../errors';
import { smensoDescriptor } from '../descriptors';
import type { EndpointSpec, ProviderAdapter } from '../types';

// ENDPOINTS (documented / modeled)
// None: smenso documents no token-management API (shared/providers/smenso-authentication.txt).
export const SMENSO_ENDPOINTS = [] as const satisfies readonly EndpointSpec[];

const refuse = (): never => {
  throw new AppError(
    'not_supported',
    'smenso has no token API. Its tokens are managed in the smenso Admin Center and recorded here by hand.',
  );
};

export const smensoAdapter: ProviderAdapter = {
  descriptor: smensoDescriptor,
  endpoints: SMENSO_ENDPOINTS,
  rateLimit: null,
  connect: async () => refuse(),
  checkCredential: async () => refuse(),
  test: async () => refuse(),
  list: async () => refuse(),
  checkCreate: () => refuse(),
  create: async () => refuse(),
  revoke: async () => refuse(),
};
