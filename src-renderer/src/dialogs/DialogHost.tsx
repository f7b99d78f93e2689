/** Renders the one open dialog. */
import { useDialogs } from '../stores/dialogs';
import { toast } from '../stores/toasts';
import { useTokens } from '../stores/tokens';
import { reopenLostSecret } from './reopen-lost-secret';
import { AddConnectionDialog } from './connections/AddConnectionDialog';
import { CredentialDialog } from './connections/CredentialDialog';
import { EditConnectionDialog } from './connections/EditConnectionDialog';
import { RemoveConnectionDialog } from './connections/RemoveConnectionDialog';
import { SignInDialog } from './connections/SignInDialog';
import { CreateTokenDialog } from './CreateTokenDialog';
import { AboutDialog, ShortcutsDialog } from './HelpDialogs';
import { BulkRevokeDialog } from './BulkRevokeDialog';
import { CheckPastedTokenDialog } from './CheckPastedTokenDialog';
import { BulkTagDialog } from './BulkTagDialog';
import { RevokeByValueDialog } from './RevokeByValueDialog';
import { RevokeDialog } from './RevokeDialog';
import { RotateDialog } from './RotateDialog';
import { SecretDialog } from './SecretDialog';
import { ImportDialog } from './ImportDialog';
import { TrackTokenDialog } from './TrackTokenDialog';

export function DialogHost() {
  const dialog = useDialogs((s) => s.dialog);
  const close = useDialogs((s) => s.close);
  if (dialog === null) return null;
  switch (dialog.kind) {
    case 'addConnection':
      return <AddConnectionDialog onClose={close} />;
    case 'createToken':
      return <CreateTokenDialog connectionId={dialog.connectionId} onClose={close} />;
    case 'import':
      return <ImportDialog onClose={close} />;
    case 'trackToken':
      return <TrackTokenDialog mode={{ kind: 'add', connectionId: dialog.connectionId }} onClose={close} />;
    case 'editTracked':
      return <TrackTokenDialog mode={{ kind: 'edit', tokenId: dialog.tokenId }} onClose={close} />;
    case 'checkPastedToken':
      return <CheckPastedTokenDialog connectionId={dialog.connectionId} onClose={close} />;
    case 'revokeByValue':
      return (
        <RevokeByValueDialog
          connectionId={dialog.connectionId}
          {...(dialog.token === undefined ? {} : { token: dialog.token })}
          onClose={close}
        />
      );
    case 'rotate':
      return (
        <RotateDialog
          key={dialog.tokenId}
          tokenId={dialog.tokenId}
          resumeOperationId={dialog.resumeOperationId ?? null}
          onClose={close}
        />
      );
    case 'revoke':
      return <RevokeDialog tokenId={dialog.tokenId} onClose={close} />;
    case 'bulkRevoke':
      return <BulkRevokeDialog onClose={close} />;
    case 'bulkTag':
      return <BulkTagDialog onClose={close} />;
    case 'secret':
      return (
        <SecretDialog
          key={dialog.secretId}
          secretId={dialog.secretId}
          tokenName={dialog.tokenName}
          {...(dialog.recoveredUntil === undefined ? {} : { recoveredUntil: dialog.recoveredUntil })}
          onClosed={() => {
            close();
            if (dialog.tokenId !== undefined) {
              toast.success(`Created “${dialog.tokenName}”.`, dialog.tokenId);
              useTokens.getState().markChanged(dialog.tokenId);
            }
            // Several secrets may have been held when the window was lost: the next one, if any.
            if (dialog.recoveredUntil !== undefined) void reopenLostSecret();
          }}
        />
      );
    case 'shortcuts':
      return <ShortcutsDialog onClose={close} />;
    case 'about':
      return <AboutDialog onClose={close} />;
    case 'credential':
      return <CredentialDialog connectionId={dialog.connectionId} onClose={close} />;
    case 'signIn':
      return <SignInDialog connectionId={dialog.connectionId} onClose={close} />;
    case 'editConnection':
      return <EditConnectionDialog connectionId={dialog.connectionId} onClose={close} />;
    case 'removeConnection':
      return <RemoveConnectionDialog connectionId={dialog.connectionId} onClose={close} />;
  }
}
