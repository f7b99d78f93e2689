/**
 * A modal dialog on the native <dialog> element: the browser traps focus, puts it in the top
 * layer and names it from its title. Mounting the component opens it; unmounting closes it and
 * puts focus back where it was. Escape and the close button call `onDismiss`, which may ask
 * first (the copy-once dialog does); the dialog never closes itself behind its owner's back.
 */
import { X, type LucideIcon } from 'lucide-react';
import { useEffect, useId, useRef, type KeyboardEvent, type ReactNode } from 'react';

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
  /** A long body with nothing to focus (a table to read): focusable, so the keys can scroll it. */
  scrollableBody?: boolean;
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
  scrollableBody = false,
}: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const descriptionId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (dialog === null) return;
    const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!dialog.open) dialog.showModal();
    // showModal() focuses the first control, which is the close button: start on the first field.
    firstFocus(dialog)?.focus();
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
        if (event.key === 'Tab') {
          trapTab(event.currentTarget, event);
          return;
        }
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
      <div
        className="dialog-body"
        {...(scrollableBody ? { tabIndex: 0, role: 'region', 'aria-label': title } : {})}
      >
        {children}
      </div>
      {footer !== undefined && <footer className="dialog-footer">{footer}</footer>}
    </dialog>
  );
}

const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]):not([type="hidden"]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

function focusables(dialog: HTMLElement): HTMLElement[] {
  return [...dialog.querySelectorAll<HTMLElement>(FOCUSABLE)].filter(
    (el) => el.tabIndex >= 0 && el.getClientRects().length > 0,
  );
}

/**
 * Where focus starts: a control marked `data-autofocus` (Copy in the secret dialog, Cancel
 * before a destructive action), else the body's first field, else its first control, else the
 * footer's primary button.
 */
export function firstFocus(dialog: HTMLElement): HTMLElement | null {
  const marked = dialog.querySelector<HTMLElement>('[data-autofocus]:not([disabled])');
  if (marked !== null) return marked;
  const body = dialog.querySelector<HTMLElement>('.dialog-body');
  const inBody = body === null ? [] : focusables(body);
  return (
    inBody.find((el) => el.matches('input, select, textarea')) ??
    inBody[0] ??
    dialog.querySelector<HTMLElement>('.dialog-footer .button-primary:not([disabled])') ??
    null
  );
}

/** Tab and Shift+Tab go round the dialog's own controls, never out of it (not even to nothing). */
function trapTab(dialog: HTMLElement, event: KeyboardEvent<HTMLElement>) {
  const all = focusables(dialog);
  const first = all[0];
  const last = all[all.length - 1];
  if (first === undefined || last === undefined) return;
  const active = document.activeElement;
  const inside = active instanceof HTMLElement && dialog.contains(active) && all.includes(active);
  if (event.shiftKey && (!inside || active === first)) {
    event.preventDefault();
    last.focus();
  } else if (!event.shiftKey && (!inside || active === last)) {
    event.preventDefault();
    first.focus();
  }
}
