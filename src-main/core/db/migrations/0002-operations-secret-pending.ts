import type { Migration } from './types';

/**
 * An operation that minted a secret (create, rotate) is finished at the provider and in the cache
 * before the copy-once dialog shows the secret. `secret_pending` stays 1 until the dialog has it:
 * if Tokenkeeper stops in between (a crash, a kill, a quit), the secret is lost, and the next start
 * reports the operation as interrupted with what to do, instead of a silent "succeeded".
 */
export const m0002OperationsSecretPending: Migration = {
  version: 2,
  name: 'operations.secret_pending: a minted secret not yet shown',
  up(db) {
    db.exec(
      `ALTER TABLE operations ADD COLUMN secret_pending INTEGER NOT NULL DEFAULT 0 CHECK (secret_pending IN (0, 1))`,
    );
  },
};
