/**
 * A modal dialog on the native <dialog> element: the browser traps focus, puts it in the top
 * layer and names it from its title. Mounting the component opens it; unmounting closes it and
 * puts focus back where it was. Escape and the close button call `onDismiss`, which may ask
 * first (the copy-once dialog does); the dialog never closes itself behind its owner's back.
 */
import { X, type LucideIcon } from 'lucide-react';
import { useEffect, useId, useRef, type ReactNode } from 'react';

interface DialogProps {
  title: string;
  description?: ReactNode;
  icon?: LucideIcon;
  tone?: 'default' | 'danger' | 'warning';
  size?: 'sm' | 'md' | 'lg';
  onDismiss: () => void;
  children?: ReactNode;
  footer?: ReactNode;
  /** Accessible name of the close button. */
  closeLabel?: string;
  testId?: string;
}

export function Dialog({
  title,
  description,
  icon: Icon,
  tone = 'default',
  size = 'md',
  onDismiss,
  children,
  footer,
  closeLabel = 'Close',
  testId,
}: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const descriptionId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (dialog === null) return;
    const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!dialog.open) dialog.showModal();
    return () => {
      dialog.close();
      if (previous?.isConnected === true) previous.focus();
    };
  }, []);

  return (
    <dialog
      ref={ref}
      className={`dialog dialog-${size} dialog-tone-${tone}`}
      aria-labelledby={titleId}
      aria-describedby={description === undefined ? undefined : descriptionId}
      data-testid={testId}
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.preventDefault();
          event.stopPropagation();
          onDismiss();
        }
      }}
      // Escape with focus inside is handled above; with focus nowhere (after a click on plain
      // text, or tabbing past the last control) the browser sends `cancel` instead.
      onCancel={(event) => {
        event.preventDefault();
        onDismiss();
      }}
      onClose={(event) => {
        // The browser may force a close (repeated Escape); the owner still decides.
        const dialog = event.currentTarget;
        if (dialog.isConnected && !dialog.open) dialog.showModal();
      }}
    >
      <header className="dialog-header">
        {Icon !== undefined && (
          <span className={`dialog-icon tone-${tone}`} aria-hidden="true">
            <Icon size={20} />
          </span>
        )}
        <div className="dialog-titles">
          <h2 id={titleId} className="dialog-title">
            {title}
          </h2>
          {description !== undefined && (
            <div id={descriptionId} className="dialog-description">
              {description}
            </div>
          )}
        </div>
        <button type="button" className="icon-button" aria-label={closeLabel} onClick={onDismiss}>
          <X size={18} aria-hidden="true" />
        </button>
      </header>
      <div className="dialog-body">{children}</div>
      {footer !== undefined && <footer className="dialog-footer">{footer}</footer>}
    </dialog>
  );
}
