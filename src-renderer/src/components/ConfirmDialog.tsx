/**
 * A question before a destructive action (revoke a token, remove a connection): small, in the
 * danger tone, with Cancel focused first so Enter never destroys anything by accident.
 */
import type { LucideIcon } from 'lucide-react';
import type { ReactNode } from 'react';
import type { ApiError } from '../types';
import { Dialog } from './Dialog';
import { DialogFooter } from './DialogFooter';
import { FailureLine } from './FailureLine';

interface ConfirmDialogProps {
  title: string;
  icon: LucideIcon;
  /** The text of the button that does it. */
  confirmLabel: string;
  confirmDisabled: boolean;
  onConfirm: () => void;
  onCancel: () => void;
  /** Why the last attempt failed, shown under the explanation. */
  failure: ApiError | null;
  /** What will happen. */
  children?: ReactNode;
}

export function ConfirmDialog({
  title,
  icon,
  confirmLabel,
  confirmDisabled,
  onConfirm,
  onCancel,
  failure,
  children,
}: ConfirmDialogProps) {
  return (
    <Dialog
      title={title}
      icon={icon}
      tone="danger"
      size="sm"
      onDismiss={onCancel}
      footer={
        <DialogFooter onCancel={onCancel} cancelAutoFocus>
          <button
            type="button"
            className="button button-danger"
            onClick={onConfirm}
            disabled={confirmDisabled}
          >
            {confirmLabel}
          </button>
        </DialogFooter>
      }
    >
      {children}
      <FailureLine failure={failure} />
    </Dialog>
  );
}
