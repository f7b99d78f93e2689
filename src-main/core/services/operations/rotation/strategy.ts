/**
 * A rotation strategy: how one kind of rotation starts and, if it waits for the user, how it
 * finishes. rotations.ts picks the strategy from the token's rotation plan (services/
 * rotation-plan.ts) and does what every kind shares (the plan check, one open rotation per token,
 * the connection's lock, abandoning). Adding a kind of rotation: one file here exporting a
 * RotationStrategy, and one line in ROTATION_STRATEGIES (rotations.ts); the compiler asks for
 * the line when the contract's RotationKind grows.
 */
import type { RotationKind, RotationStart, TokenRow } from '../../../../../src-preload/contract';
import type { ConnectionRecord } from '../../../db/repositories/connections';
import type { OperationRecord } from '../../../db/repositories/operations';
import type { TokenRecord } from '../../../db/repositories/tokens';
import type { RotateOptions } from '../../../providers/types';
import type { OperationKit } from '../kit';

/** A rotation waiting for the user's confirmation, with the token it started from and its successor. */
export interface OpenRotation {
  op: OperationRecord;
  old: TokenRecord;
  successor: TokenRecord;
  connection: ConnectionRecord;
}

/** What the user chose in the rotate dialog: the provider's options and the carry-over consent. */
export interface StartRotationOptions extends RotateOptions {
  /** Give the successor the old token's note, tags, owner and used-by. */
  carryOverAnnotation?: boolean;
  /**
   * Replace then revoke where the provider can (its module's `rotation.replace`), instead of its
   * own rotation: the old token then keeps working until the rotation is finished. A rotation
   * that delivers the new secret to its targets asks for it, so a failed delivery leaves the
   * consumers with a working token.
   */
  preferReplacement?: boolean;
}

export interface RotationStrategy {
  readonly kind: RotationKind;
  /**
   * Whether it calls the provider: then the connection must offer rotation through its API, and
   * `start` runs under the connection's lock with the token read again there.
   */
  readonly throughApi: boolean;
  start(
    kit: OperationKit,
    token: TokenRecord,
    connection: ConnectionRecord,
    options: StartRotationOptions,
  ): Promise<RotationStart>;
  /** Ends a rotation that waited for confirmation (absent for kinds that finish at once). */
  finish?(kit: OperationKit, rotation: OpenRotation): Promise<TokenRow>;
}
