/** Sign in again: a password session with e-mail and password (used once, kept nowhere); a web session in its own window. */
import { Globe, LogIn } from 'lucide-react';
import { useState, type FormEvent } from 'react';
import type { ApiError } from '../../types';
import { api, unwrap } from '../../api';
import { Dialog } from '../../components/Dialog';
import { FormFooter } from '../../components/DialogFooter';
import { FailureLine } from '../../components/FailureLine';
import { Field } from '../../components/Field';
import { toApiError } from '../../lib/errors';
import { useWebSessionWhere } from '../../lib/web-session';
import { useConnections } from '../../stores/connections';
import { toast } from '../../stores/toasts';
import { useConnection } from './useConnection';

export function SignInDialog({ connectionId, onClose }: { connectionId: string; onClose: () => void }) {
  const { connection, descriptor } = useConnection(connectionId);
  const [email, setEmail] = useState(connection?.identity ?? '');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<{ email?: string; password?: string }>({});
  const [failure, setFailure] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const web = descriptor?.session === 'web';
  const webSessionWhere = useWebSessionWhere();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found: { email?: string; password?: string } = {};
    if (!web) {
      if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email.trim()))
        found.email = 'Enter the e-mail address you sign in with.';
      if (password === '') found.password = 'Enter your password.';
    }
    setErrors(found);
    setFailure(null);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    try {
      const updated = await unwrap(
        api().signIn(web ? { connectionId } : { connectionId, email: email.trim(), password }),
      );
      setPassword('');
      useConnections.getState().upsert(updated);
      toast.success(`Signed in to “${updated.label}”.`);
      onClose();
    } catch (error) {
      setPassword('');
      setFailure(toApiError(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog
      title={`Sign in to ${descriptor?.name ?? 'the provider'}`}
      description={
        web
          ? `A separate sign-in window opens. Tokenkeeper never sees your password. ${webSessionWhere}`
          : 'Your password is used once to start a session and is not stored. The session lives in memory until you quit or sign out.'
      }
      icon={LogIn}
      size="sm"
      onDismiss={onClose}
      footer={
        <FormFooter form="sign-in-form" onCancel={onClose} disabled={busy}>
          {web && <Globe size={16} aria-hidden="true" />}
          {busy ? 'Signing in…' : web ? 'Open sign-in window' : 'Sign in'}
        </FormFooter>
      }
    >
      <form id="sign-in-form" className="form" noValidate onSubmit={(event) => void submit(event)}>
        {!web && (
          <>
            <Field label="E-mail" error={errors.email}>
              {(props) => (
                <input
                  {...props}
                  type="email"
                  autoComplete="username"
                  value={email}
                  onChange={(event) => setEmail(event.target.value)}
                />
              )}
            </Field>
            <Field label="Password" error={errors.password}>
              {(props) => (
                <input
                  {...props}
                  type="password"
                  autoComplete="current-password"
                  value={password}
                  onChange={(event) => setPassword(event.target.value)}
                  autoFocus
                />
              )}
            </Field>
          </>
        )}
        <FailureLine failure={failure} />
      </form>
    </Dialog>
  );
}
