/** Empty, loading and error states shared by the views. */
import { CircleX, LoaderCircle, type LucideIcon } from 'lucide-react';
import type { ReactNode } from 'react';

export function EmptyState({
  icon: Icon,
  title,
  children,
  actions,
}: {
  icon: LucideIcon;
  title: string;
  children?: ReactNode;
  actions?: ReactNode;
}) {
  return (
    <section className="empty-state" aria-labelledby="empty-state-title">
      <span className="empty-icon" aria-hidden="true">
        <Icon size={28} />
      </span>
      <h2 id="empty-state-title">{title}</h2>
      {children !== undefined && <div className="empty-text">{children}</div>}
      {actions !== undefined && <div className="empty-actions">{actions}</div>}
    </section>
  );
}

export function Spinner({ label, size = 16 }: { label?: string; size?: number }) {
  return (
    <span className="spinner-wrap">
      <LoaderCircle size={size} className="spinner" aria-hidden="true" />
      {label !== undefined && <span>{label}</span>}
    </span>
  );
}

export function ErrorPanel({
  title,
  message,
  action,
}: {
  title: string;
  message: string;
  action?: ReactNode;
}) {
  return (
    <div className="error-panel" role="alert">
      <CircleX size={20} aria-hidden="true" />
      <div>
        <p className="error-title">{title}</p>
        <p>{message}</p>
        {action}
      </div>
    </div>
  );
}
