/**
 * The buttons at the foot of a dialog: Cancel, then the dialog's own action. Every dialog with a
 * Cancel button uses these, so the buttons look, read and behave the same everywhere.
 */
import type { ReactNode } from 'react';

interface DialogFooterProps {
  onCancel: () => void;
  /** Focus Cancel when the dialog opens: the safe default when the action cannot be undone. */
  cancelAutoFocus?: boolean;
  /** Shown before Cancel, e.g. a Back button. */
  leading?: ReactNode;
  /** The action button(s) after Cancel. */
  children?: ReactNode;
  /** "Done" once the action has run and only its report is left. */
  cancelLabel?: string;
}

export function DialogFooter({
  onCancel,
  cancelAutoFocus = false,
  leading,
  children,
  cancelLabel = 'Cancel',
}: DialogFooterProps) {
  return (
    <>
      {leading}
      <button
        type="button"
        className="button"
        onClick={onCancel}
        data-autofocus={cancelAutoFocus ? true : undefined}
      >
        {cancelLabel}
      </button>
      {children}
    </>
  );
}

interface FormFooterProps {
  /** The id of the form the primary button submits (the footer sits outside the form). */
  form: string;
  onCancel: () => void;
  disabled: boolean;
  leading?: ReactNode;
  /** The primary button's text. */
  children: ReactNode;
}

/** Cancel, then the primary button that submits the dialog's form. */
export function FormFooter({ form, onCancel, disabled, leading, children }: FormFooterProps) {
  return (
    <DialogFooter onCancel={onCancel} leading={leading}>
      <button type="submit" form={form} className="button button-primary" disabled={disabled}>
        {children}
      </button>
    </DialogFooter>
  );
}
