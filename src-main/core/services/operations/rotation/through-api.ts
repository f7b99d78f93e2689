/**
 * A rotation the provider performs in one call (`adapter.rotate`: Mailtrap's reset, Mirox's
 * rotate), sent once under the journal. What differs between the kinds, storing the answer and
 * recovering from a lost one, is the ApiRotation a strategy hands in.
 */
import type { RotationStart } from '../../../../../src-preload/contract';
import type { ConnectionRecord } from '../../../db/repositories/connections';
import type { OperationRecord } from '../../../db/repositories/operations';
import type { TokenRecord } from '../../../db/repositories/tokens';
import { AppError } from '../../../errors';
import type { RemoteToken, Rotated } from '../../../providers/types';
import { rotationEvidence } from '../../reconcile';
import type { OperationKit, Remote } from '../kit';
import { runJournaled } from '../run-journaled';

/** A successful answer, its secret already in the vault. */
export interface RotatedAnswer {
  op: OperationRecord;
  token: TokenRecord;
  connection: ConnectionRecord;
  remote: Remote;
  rotated: Rotated;
  secretId: string;
}

/** A rotation that took effect although its answer was lost, with what the listing shows. */
export interface LostAnswer {
  token: TokenRecord;
  connection: ConnectionRecord;
  remote: Remote;
  /** The new token that appeared (a reset), if any. */
  successor: RemoteToken | null;
  /** The rotated token as listed now, if it is still listed. */
  current: RemoteToken | null;
}

export interface ApiRotation {
  kind: 'reset_with_grace' | 'in_place_immediate';
  /** Stores the answer, finishes the operation with its audit line, and says what happens next. */
  store(kit: OperationKit, answer: RotatedAnswer): Promise<RotationStart>;
  /** Stores what the listing shows; returns the token now carrying the lost secret and what to tell the user. */
  recoverLost(kit: OperationKit, lost: LostAnswer): { resultTokenId: string; message: string };
}

export async function rotateThroughApi(
  kit: OperationKit,
  token: TokenRecord,
  connection: ConnectionRecord,
  rotation: ApiRotation,
): Promise<RotationStart> {
  const remote = kit.remote(connection);
  const { adapter, provider } = remote;
  if (adapter.rotate === undefined) throw new AppError('not_supported', `${provider} has no rotate action.`);
  const rotate = adapter.rotate.bind(adapter);
  const known = kit.knownKeys(connection.id);
  const { op, rotated } = await runJournaled({
    journal: kit.journal,
    begin: () =>
      kit.journal.begin(
        { kind: 'rotate', connection, token, tokenName: token.name, request: { kind: rotation.kind } },
        null,
      ),
    call: () => rotate(remote.actx, token),
    commit: (started, answer: Rotated) => ({ op: started, rotated: answer }),
    noteFailure: remote.noteFailure,
    audit: { action: 'token.rotate', connectionId: connection.id, tokenId: token.id },
    internalMessage:
      'The rotation failed inside Tokenkeeper. Nothing was retried; sync to see the provider’s state.',
    list: remote.list,
    unchecked: (failure) =>
      `${failure.message} Tokenkeeper did not retry, and could not check ${provider} afterwards. Sync, then look at “${token.name}”: if it was rotated, its new secret was never shown.`,
    reconcile(tokens, failure, started) {
      const evidence = rotationEvidence(rotation.kind, token, tokens, known, started.startedAt);
      if (!evidence.happened) {
        return {
          outcome: 'not_happened',
          error: new AppError(
            failure.code,
            `${failure.message} Tokenkeeper checked ${provider} afterwards: “${token.name}” was not rotated, so nothing changed. You can try again.`,
          ),
          detail: 'not rotated (checked)',
        };
      }
      const { successor, current } = evidence;
      const { resultTokenId, message } = rotation.recoverLost(kit, {
        token,
        connection,
        remote,
        successor,
        current,
      });
      return { outcome: 'lost', message, detail: 'rotated but the new secret was lost', resultTokenId };
    },
    changed: () => kit.changed(connection.id),
  });
  const secretId = kit.putSecret(rotated.secret, token.name, connection, op);
  return rotation.store(kit, { op, token, connection, remote, rotated, secretId });
}
