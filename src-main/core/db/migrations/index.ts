/**
 * The one registry of schema migrations, in order. Add a migration as the next numbered file
 * and append it here; never edit one that has shipped.
 */
import { m0001Initial } from './0001-initial';
import { m0002OperationsSecretPending } from './0002-operations-secret-pending';
import { m0003ListIndexes } from './0003-list-indexes';
import { m0004EnumsOutOfSchema } from './0004-enums-out-of-schema';
import { m0005CredentialOrigin } from './0005-credential-origin';
import { m0006TokenAnnotations } from './0006-token-annotations';
import { m0007WaitingAnnotations } from './0007-waiting-annotations';
import { m0008DeliveryTargets } from './0008-delivery-targets';
import type { Migration } from './types';

export const migrations: readonly Migration[] = [
  m0001Initial,
  m0002OperationsSecretPending,
  m0003ListIndexes,
  m0004EnumsOutOfSchema,
  m0005CredentialOrigin,
  m0006TokenAnnotations,
  m0007WaitingAnnotations,
  m0008DeliveryTargets,
];

export const LATEST_SCHEMA_VERSION = migrations.length;
