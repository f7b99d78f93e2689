/**
 * smenso: no token-management API is documented (shared/providers/smenso-authentication.txt), so
 * there is no adapter and no endpoint table. Tokens are created and deleted only in the Admin
 * Center, per workspace, valid for at most one year; Tokenkeeper tracks them from the metadata the
 * user enters and guides a manual rotation.
 */
import { defineProvider } from '../module';
import { smensoDescriptor, smensoRotation } from './descriptor';

export const smenso = defineProvider({
  descriptor: smensoDescriptor,
  adapter: null,
  rotation: smensoRotation,
});
