/**
 * Create, rotate and revoke, through the provider adapters (services/operations/):
 * - journaled in `operations` (journal.ts): the intent before the remote call, the outcome after,
 *   each with its audit line, so a crash in between is reported at the next start;
 * - input is checked against the provider's rules before any call;
 * - a create, reset, rotation or revoke is sent once (run-journaled.ts). When its outcome is
 *   unclear, the tokens are listed again and the journal and cache say what happened; nothing is
 *   retried;
 * - one strategy per kind of rotation (rotation/), the credential swap apart (credential-swap.ts);
 * - a new secret goes into the SecretVault and only its handle leaves main.
 */
import type {
  CreateChoice,
  CreateTokenInput,
  NewSecret,
  RotationStart,
  TokenRow,
} from '../../../src-preload/contract';
import type { CoreContext } from '../context';
import { createToken } from './operations/create';
import { listCreateChoices } from './operations/create-choices';
import { OperationKit } from './operations/kit';
import { revokeToken } from './operations/revoke';
import { recordManualRotation } from './operations/rotation/manual';
import { abandonRotation, finishRotation, startRotation } from './operations/rotation/rotations';
import type { StartRotationOptions } from './operations/rotation/strategy';
import type { ProviderRuntime } from './provider-runtime';
import type { TokensService, TrackedFields } from './tokens';

export class TokenOperations {
  private readonly kit: OperationKit;

  constructor(ctx: CoreContext, runtime: ProviderRuntime, tokens: TokensService) {
    this.kit = new OperationKit(ctx, runtime, tokens);
  }

  create(input: CreateTokenInput): Promise<NewSecret> {
    return createToken(this.kit, input);
  }

  createChoices(query: { connectionId: string; kind: string; accountId: string }): Promise<CreateChoice[]> {
    return listCreateChoices(this.kit, query);
  }

  startRotation(tokenId: string, options: StartRotationOptions = {}): Promise<RotationStart> {
    return startRotation(this.kit, tokenId, options);
  }

  recordManualRotation(operationId: string, input: TrackedFields): Promise<TokenRow> {
    return recordManualRotation(this.kit, operationId, input);
  }

  finishRotation(operationId: string): Promise<TokenRow> {
    return finishRotation(this.kit, operationId);
  }

  abandonRotation(operationId: string): null {
    return abandonRotation(this.kit, operationId);
  }

  revoke(tokenId: string): Promise<TokenRow> {
    return revokeToken(this.kit, tokenId);
  }
}
