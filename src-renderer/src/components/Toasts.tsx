/** Short messages in a live region at the bottom of the window; one about a token links to it. */
import { CircleCheck, CircleX, Info, X } from 'lucide-react';
import { useApp } from '../stores/app';
import { useToasts } from '../stores/toasts';
import { useTokens } from '../stores/tokens';

const ICONS = { success: CircleCheck, error: CircleX, info: Info };

export function Toasts() {
  const toasts = useToasts((s) => s.toasts);
  const dismiss = useToasts((s) => s.dismiss);
  const navigate = useApp((s) => s.navigate);
  return (
    <div className="toasts" role="status" aria-live="polite">
      {toasts.map((t) => {
        const Icon = ICONS[t.tone];
        return (
          <div key={t.id} className={`toast toast-${t.tone}`} data-testid="toast">
            <Icon size={18} aria-hidden="true" />
            <span className="toast-message">{t.message}</span>
            {t.tokenId !== undefined && (
              <button
                type="button"
                className="link-button toast-link"
                onClick={() => {
                  navigate({ view: 'token', tokenId: t.tokenId! });
                  useTokens.getState().markChanged(t.tokenId!);
                  dismiss(t.id);
                }}
              >
                Show token
              </button>
            )}
            <button
              type="button"
              className="icon-button"
              aria-label="Dismiss message"
              onClick={() => dismiss(t.id)}
            >
              <X size={16} aria-hidden="true" />
            </button>
          </div>
        );
      })}
    </div>
  );
}
