/**
 * "Needs attention": every token the reminders planner flags (expired, in grace, expiring
 * soon), each with its reason; a click opens the token.
 */
import { BellRing, ChevronDown, ChevronRight } from 'lucide-react';
import { useState } from 'react';
import { ProviderMark } from '../../components/ProviderMark';
import { formatDate, formatRelative } from '../../lib/format';
import { useApp } from '../../stores/app';
import { useAttention } from '../../stores/attention';

export function AttentionPanel() {
  const attention = useAttention((s) => s.attention);
  const navigate = useApp((s) => s.navigate);
  const [collapsed, setCollapsed] = useState(false);
  if (attention === null || attention.items.length === 0) return null;

  return (
    <section className="attention-panel" role="region" aria-labelledby="attention-title">
      <div className="attention-head">
        <h2 id="attention-title" className="attention-title">
          <button
            type="button"
            className="disclosure"
            aria-expanded={!collapsed}
            aria-controls="attention-list"
            onClick={() => setCollapsed(!collapsed)}
          >
            {collapsed ? (
              <ChevronRight size={16} aria-hidden="true" />
            ) : (
              <ChevronDown size={16} aria-hidden="true" />
            )}
            <BellRing size={16} aria-hidden="true" />
            Needs attention
          </button>
        </h2>
        <span className="count-pill tone-warning">{attention.count}</span>
        {attention.paused && <span className="muted">Reminders are paused</span>}
      </div>
      {!collapsed && (
        <ul id="attention-list" className="attention-list">
          {attention.items.map((item) => (
            <li key={item.token.id}>
              <button
                type="button"
                className="attention-item"
                onClick={() => navigate({ view: 'token', tokenId: item.token.id })}
              >
                <span
                  className={`attention-reason reason-${item.token.badges.includes('expired') ? 'danger' : 'warning'}`}
                  title={item.reason}
                >
                  {item.reason}
                </span>
                <span className="attention-name">{item.token.name}</span>
                <ProviderMark provider={item.token.provider} />
                {item.dueAt !== null && (
                  <span className="attention-due" title={formatDate(item.dueAt)}>
                    {formatRelative(item.dueAt)}
                  </span>
                )}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
