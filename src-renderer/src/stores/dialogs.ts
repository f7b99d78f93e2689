/**
 * Which dialog is open. Holds ids and handles only: a `secretId` is a handle the core uses to
 * find a secret it still holds, never the secret itself.
 */
import { create } from 'zustand';

export type DialogRequest =
  | { kind: 'addConnection' }
  | { kind: 'createToken'; connectionId: string | null }
  | { kind: 'trackToken'; connectionId: string | null }
  | { kind: 'editTracked'; tokenId: string }
  | { kind: 'checkPastedToken'; connectionId: string }
  /** `token`: from its detail, the token the pasted value must be; absent: several, in bulk. */
  | {
      kind: 'revokeByValue';
      connectionId: string;
      token?: { id: string; name: string; last4: string | null };
    }
  | { kind: 'rotate'; tokenId: string; resumeOperationId?: string }
  | { kind: 'revoke'; tokenId: string }
  | { kind: 'bulkRevoke' }
  | { kind: 'bulkTag' }
  /**
   * `tokenId`: the token just created, announced (and its row marked) once the dialog closes.
   * `recoveredUntil`: shown once more after a lost window, until then.
   */
  | { kind: 'secret'; secretId: string; tokenName: string; tokenId?: string; recoveredUntil?: number }
  | { kind: 'credential'; connectionId: string }
  | { kind: 'signIn'; connectionId: string }
  | { kind: 'editConnection'; connectionId: string }
  | { kind: 'removeConnection'; connectionId: string }
  | { kind: 'import' }
  | { kind: 'shortcuts' }
  | { kind: 'about' };

interface DialogState {
  dialog: DialogRequest | null;
  open: (dialog: DialogRequest) => void;
  close: () => void;
}

export const useDialogs = create<DialogState>()((set) => ({
  dialog: null,
  open(dialog) {
    set({ dialog });
  },
  close() {
    set({ dialog: null });
  },
}));
