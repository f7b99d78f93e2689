/**
 * A token's scheduled rotation, under its delivery targets: off (the default), N days before it
 * expires, or every N days. The core says when it is not allowed (a plain "used by" note left, no
 * target, no rotation through the API) and when it runs next.
 */
import { useEffect, useState } from 'react';
import type { ChannelOutput } from '../../types';
import { api, unwrap } from '../../api';
import { Field } from '../../components/Field';
import { describeError, toApiError } from '../../lib/errors';
import { formatDate } from '../../lib/format';
import { toast } from '../../stores/toasts';

type Schedule = ChannelOutput<'getRotationSchedule'>;
type Rule = 'off' | 'before_expiry' | 'every';

export function RotationScheduleForm({ tokenId, targetCount }: { tokenId: string; targetCount: number }) {
  const [schedule, setSchedule] = useState<Schedule | null>(null);
  const [rule, setRule] = useState<Rule>('off');
  const [days, setDays] = useState('14');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    void api()
      .getRotationSchedule({ tokenId })
      .then((result) => {
        if (!result.ok) return;
        setSchedule(result.value);
        setRule(result.value.rule ?? 'off');
        setDays(String(result.value.days));
      });
  }, [tokenId, targetCount]);

  const save = async () => {
    const n = Number(days);
    if (!Number.isInteger(n) || n < 1 || n > 3650) return setError('Enter whole days from 1 to 3650.');
    setBusy(true);
    setError(null);
    try {
      const saved = await unwrap(
        api().setRotationSchedule({ tokenId, rule: rule === 'off' ? null : rule, days: n }),
      );
      setSchedule(saved);
      toast.success(rule === 'off' ? 'Scheduled rotation turned off.' : 'Saved the rotation schedule.');
    } catch (e) {
      setError(describeError(toApiError(e)));
    } finally {
      setBusy(false);
    }
  };

  if (schedule === null) return null;
  return (
    <div className="rotation-schedule">
      <Field
        label="Rotate on a schedule"
        optional
        help={
          schedule.blockedBy ??
          (schedule.nextRunAt === null
            ? 'Off by default.'
            : `Next rotation: ${formatDate(schedule.nextRunAt)}.`)
        }
        error={error}
      >
        {(props) => (
          <div className="input-with-button">
            <select {...props} value={rule} onChange={(e) => setRule(e.target.value as Rule)}>
              <option value="off">Off</option>
              <option value="before_expiry">Days before it expires</option>
              <option value="every">Every N days</option>
            </select>
            {rule !== 'off' && (
              <input
                aria-label="Days"
                type="number"
                min={1}
                max={3650}
                value={days}
                onChange={(e) => setDays(e.target.value)}
              />
            )}
            <button type="button" className="button" disabled={busy} onClick={() => void save()}>
              Save schedule
            </button>
          </div>
        )}
      </Field>
    </div>
  );
}
