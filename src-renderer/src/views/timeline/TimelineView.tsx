/**
 * "Upcoming": the next 90 days (or a year) as a picture: every live token is a mark on the day it
 * expires, its grace period ends or its snooze ends, coloured by how soon, in a lane per provider
 * or connection, with today and the reminder thresholds drawn. SVG drawn here (no charting
 * library: a few lines and circles do not earn one). The marks are one Tab stop; the arrow keys
 * move along them in time order, Enter opens the token. Every mark is named for screen readers.
 */
import { CalendarRange } from 'lucide-react';
import { useEffect, useId, useRef, useState } from 'react';
import { Spinner } from '../../components/States';
import { coreNow } from '../../lib/clock';
import { formatDate, formatRelative } from '../../lib/format';
import { useRovingFocus } from '../../lib/roving-focus';
import { useApp } from '../../stores/app';
import { providerName } from '../../lib/providers';
import { useConnections } from '../../stores/connections';
import { useTokenIndex } from '../../stores/token-index';
import { useTokens } from '../../stores/tokens';
import { buildLanes, type Mark } from './timeline-model';

const RANGES = [
  { days: 90, label: '90 days' },
  { days: 365, label: '1 year' },
];
const LABEL_WIDTH = 200;
const OVERDUE_WIDTH = 56;
const AXIS_HEIGHT = 28;
const DAY_MS = 86_400_000;

const KIND_TEXT = {
  expires: 'expires',
  grace: 'stops working (end of grace period)',
  snooze: 'reminders resume',
};

export function TimelineView() {
  const status = useTokenIndex((s) => s.status);
  const tokens = useTokenIndex((s) => s.tokens);
  const providers = useConnections((s) => s.providers);
  const thresholds = useApp((s) => s.settings?.reminderThresholdsDays ?? []);
  const navigate = useApp((s) => s.navigate);
  const [days, setDays] = useState(90);
  const [groupBy, setGroupBy] = useState<'provider' | 'connection'>('provider');
  const [width, setWidth] = useState(800);
  const boxRef = useRef<HTMLDivElement>(null);
  const svgRef = useRef<SVGSVGElement>(null);
  const onKeyDown = useRovingFocus(svgRef, { orientation: 'both' });
  const titleId = useId();
  const descId = useId();

  useEffect(() => {
    const box = boxRef.current;
    if (box === null) return;
    const observer = new ResizeObserver(() => setWidth(box.clientWidth));
    observer.observe(box);
    setWidth(box.clientWidth);
    return () => observer.disconnect();
  }, [status]);

  const now = coreNow();
  const lanes =
    status === 'ready'
      ? buildLanes(tokens, { now, days, groupBy, providerName: (id) => providerName(providers, id) })
      : [];
  const plotLeft = LABEL_WIDTH + OVERDUE_WIDTH;
  const plotWidth = Math.max(200, width - plotLeft - 16);
  const x = (day: number) =>
    day < 0 ? LABEL_WIDTH + OVERDUE_WIDTH / 2 : plotLeft + (day / days) * plotWidth;
  const height = AXIS_HEIGHT + lanes.reduce((sum, lane) => sum + lane.height, 0) + 8;
  const marks = lanes.flatMap((lane) => lane.marks).sort((a, b) => a.day - b.day || a.at - b.at);
  const total = marks.length;

  const open = (mark: Mark) => {
    navigate({ view: 'token', tokenId: mark.tokenId });
    useTokens.getState().markChanged(mark.tokenId);
  };
  const markLabel = (mark: Mark) =>
    `${mark.name} (${mark.connectionLabel}): ${KIND_TEXT[mark.kind]} ${mark.day < 0 ? 'already, ' : ''}${formatRelative(mark.at)}, ${formatDate(mark.at)}`;

  // Axis ticks: every week over 90 days, every month over a year.
  const ticks: { day: number; label: string }[] = [];
  const today = new Date(now);
  today.setHours(0, 0, 0, 0);
  if (days <= 90) {
    for (let d = 0; d <= days; d += 14)
      ticks.push({ day: d, label: d === 0 ? 'Today' : formatShort(today.getTime() + d * DAY_MS) });
  } else {
    for (let m = 1; m <= 12; m++) {
      const first = new Date(today.getFullYear(), today.getMonth() + m, 1).getTime();
      const d = Math.round((first - today.getTime()) / DAY_MS);
      if (d <= days)
        ticks.push({ day: d, label: new Intl.DateTimeFormat(undefined, { month: 'short' }).format(first) });
    }
  }

  const tops = lanes.map(
    (_, i) => AXIS_HEIGHT + lanes.slice(0, i).reduce((sum, lane) => sum + lane.height, 0),
  );
  return (
    <div className="view timeline-view">
      <div className="view-header">
        <div>
          <h1>Upcoming</h1>
          <p className="view-subtitle">
            When each token expires, its grace period ends or its snooze ends, with today and your reminder
            times.
          </p>
        </div>
        <div className="view-actions">
          <div className="segmented" role="radiogroup" aria-label="Range">
            {RANGES.map((r) => (
              <button
                key={r.days}
                type="button"
                role="radio"
                aria-checked={days === r.days}
                className={`segment${days === r.days ? ' selected' : ''}`}
                onClick={() => setDays(r.days)}
              >
                {r.label}
              </button>
            ))}
          </div>
          <div className="segmented" role="radiogroup" aria-label="Lanes">
            {(['provider', 'connection'] as const).map((g) => (
              <button
                key={g}
                type="button"
                role="radio"
                aria-checked={groupBy === g}
                className={`segment${groupBy === g ? ' selected' : ''}`}
                onClick={() => setGroupBy(g)}
              >
                By {g}
              </button>
            ))}
          </div>
        </div>
      </div>
      {status !== 'ready' ? (
        <Spinner label="Reading the tokens…" />
      ) : (
        <div className="timeline-box" ref={boxRef}>
          {lanes.length === 0 ? (
            <p className="muted timeline-empty">
              <CalendarRange size={18} aria-hidden="true" /> Nothing expires in the next{' '}
              {days === 90 ? '90 days' : 'year'}.
            </p>
          ) : (
            <svg
              ref={svgRef}
              className="expiry-chart"
              width={width}
              height={height}
              role="group"
              aria-labelledby={titleId}
              aria-describedby={descId}
              onKeyDown={onKeyDown}
            >
              <title id={titleId}>Expiry timeline, next {days === 90 ? '90 days' : 'year'}</title>
              <desc id={descId}>
                {total === 1 ? '1 date' : `${total} dates`} in {lanes.length} lanes. Use the arrow keys to
                move from one to the next, Enter to open its token.
              </desc>
              <g className="timeline-axis" aria-hidden="true">
                <text x={LABEL_WIDTH + OVERDUE_WIDTH / 2} y={16} textAnchor="middle" className="tick-label">
                  Overdue
                </text>
                {ticks.map((tick) => (
                  <g key={tick.day}>
                    <line
                      x1={x(tick.day)}
                      x2={x(tick.day)}
                      y1={AXIS_HEIGHT - 6}
                      y2={height}
                      className="tick"
                    />
                    <text x={x(tick.day) + 3} y={16} className="tick-label">
                      {tick.label}
                    </text>
                  </g>
                ))}
                {thresholds
                  .filter((d) => d > 0 && d <= days)
                  .map((d) => (
                    <g key={`t${d}`}>
                      <line x1={x(d)} x2={x(d)} y1={AXIS_HEIGHT} y2={height} className="threshold" />
                      <text x={x(d) + 3} y={AXIS_HEIGHT + 10} className="threshold-label">
                        {d} d
                      </text>
                    </g>
                  ))}
                <line x1={x(0)} x2={x(0)} y1={AXIS_HEIGHT - 8} y2={height} className="today" />
              </g>
              {lanes.map((lane, laneIndex) => {
                const top = tops[laneIndex] ?? AXIS_HEIGHT;
                const baseline = top + lane.height - 12;
                return (
                  <g key={lane.key} className="timeline-lane">
                    {laneIndex % 2 === 1 && (
                      <rect
                        x={0}
                        y={top}
                        width={width}
                        height={lane.height}
                        className="lane-band"
                        aria-hidden="true"
                      />
                    )}
                    <text x={8} y={top + lane.height / 2 + 4} className="lane-label">
                      {truncate(lane.label, 28)}
                    </text>
                    {lane.marks.map((mark) => {
                      const cx = x(mark.day);
                      const cy = baseline - mark.stack * 14;
                      return (
                        <g
                          key={mark.key}
                          data-roving
                          role="button"
                          tabIndex={-1}
                          aria-label={markLabel(mark)}
                          className={`mark tone-${mark.tone} kind-${mark.kind}`}
                          data-token-id={mark.tokenId}
                          onClick={() => open(mark)}
                          onKeyDown={(event) => {
                            if (event.key === 'Enter' || event.key === ' ') {
                              event.preventDefault();
                              open(mark);
                            }
                          }}
                        >
                          <title>{markLabel(mark)}</title>
                          {mark.kind === 'expires' && <circle cx={cx} cy={cy} r={5.5} />}
                          {mark.kind === 'grace' && (
                            <rect
                              x={cx - 5}
                              y={cy - 5}
                              width={10}
                              height={10}
                              transform={`rotate(45 ${cx} ${cy})`}
                            />
                          )}
                          {mark.kind === 'snooze' && (
                            <rect x={cx - 4.5} y={cy - 4.5} width={9} height={9} rx={2} />
                          )}
                        </g>
                      );
                    })}
                    {[...lane.overflow].map(([day, n]) => (
                      <text
                        key={`o${day}`}
                        x={x(day) + 8}
                        y={baseline - 2 * 14 - 4}
                        className="overflow-label"
                        aria-hidden="true"
                      >
                        +{n}
                      </text>
                    ))}
                  </g>
                );
              })}
            </svg>
          )}
          <ul className="timeline-legend" aria-label="Legend">
            <li>
              <span className="legend-mark tone-danger kind-expires" aria-hidden="true" /> Expires within 7
              days, or overdue
            </li>
            <li>
              <span className="legend-mark tone-warning kind-expires" aria-hidden="true" /> Expires within 30
              days
            </li>
            <li>
              <span className="legend-mark tone-info kind-expires" aria-hidden="true" /> Expires later
            </li>
            <li>
              <span className="legend-mark tone-warning kind-grace" aria-hidden="true" /> Grace period ends
            </li>
            <li>
              <span className="legend-mark tone-neutral kind-snooze" aria-hidden="true" /> Snooze ends
            </li>
            <li>
              <span className="legend-line threshold" aria-hidden="true" /> Reminder
            </li>
          </ul>
        </div>
      )}
    </div>
  );
}

const formatShort = (ms: number) =>
  new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric' }).format(ms);
const truncate = (text: string, n: number) => (text.length > n ? `${text.slice(0, n - 1)}…` : text);
