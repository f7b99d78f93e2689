/** What a reminder says: which token, where, and when (relative and absolute). */
import { describe, expect, it } from 'vitest';
import type { DueReminder, ReminderCandidate } from '../../../src-main/core/reminders/planner';
import { buildTrayModel } from '../../../src-main/core/reminders/tray-model';
import { attentionReason, notificationText, reminderLine } from '../../../src-main/core/reminders/wording';
import { reminderCandidate } from '../builders';

const NOW = Date.UTC(2026, 10, 25, 9, 0, 0);
const DAY = 86_400_000;
const UTC = { timeZone: 'UTC' };

const token = (overrides: Partial<ReminderCandidate> = {}): ReminderCandidate =>
  reminderCandidate({ expiresAt: NOW + 7 * DAY, ...overrides });

describe('reminder wording', () => {
  it('names the provider, the token, the relative and the absolute date', () => {
    expect(reminderLine(token(), { kind: 'expiry', at: NOW + 7 * DAY }, NOW, UTC)).toBe(
      'Mailtrap · CI deploy token expires in 7 days (Dec 2)',
    );
    expect(
      reminderLine(
        token({ providerName: 'smoxy', name: 'Deploy' }),
        { kind: 'expiry', at: NOW - 3 * DAY },
        NOW,
        UTC,
      ),
    ).toBe('smoxy · Deploy token expired 3 days ago (Nov 22)');
    expect(reminderLine(token(), { kind: 'expiry', at: NOW }, NOW, UTC)).toBe(
      'Mailtrap · CI deploy token has expired (Nov 25, 09:00)',
    );
    expect(reminderLine(token(), { kind: 'expiry', at: NOW + 41 * DAY }, NOW, UTC)).toBe(
      'Mailtrap · CI deploy token expires in 41 days (Jan 5, 2027)',
    );
    expect(reminderLine(token(), { kind: 'grace', at: NOW + 3_600_000 }, NOW, UTC)).toBe(
      'Mailtrap · CI deploy: old token stops working in 1 hour (Nov 25, 10:00)',
    );
  });

  it('a single reminder says where the token lives', () => {
    const due: DueReminder[] = [
      { token: token(), deadline: { kind: 'expiry', at: NOW + 7 * DAY }, threshold: '7d' },
    ];
    expect(notificationText(due, NOW, UTC)).toEqual({
      title: 'Token expires soon',
      body: 'Mailtrap · CI deploy token expires in 7 days (Dec 2)\nAccount Acme · connection “Mailtrap prod”',
    });
  });

  it('many at once become one grouped text listing the first three', () => {
    const due: DueReminder[] = ['A', 'B', 'C', 'D'].map((name, i) => ({
      token: token({ id: `t_${name}`, name }),
      deadline: { kind: 'expiry', at: NOW + (i + 1) * DAY * 2 },
      threshold: '7d',
    }));
    const text = notificationText(due, NOW, UTC);
    expect(text.title).toBe('4 tokens need attention');
    expect(text.body).toBe(
      '4 tokens need attention: Mailtrap · A token expires in 2 days (Nov 27); Mailtrap · B token expires in 4 days (Nov 29); Mailtrap · C token expires in 6 days (Dec 1); and 1 more',
    );
  });

  it('attention reasons are absolute so they do not go stale on screen', () => {
    expect(attentionReason({ kind: 'expiry', at: NOW + 7 * DAY }, NOW, UTC)).toBe('Expires Dec 2');
    expect(attentionReason({ kind: 'expiry', at: NOW - 3 * DAY }, NOW, UTC)).toBe('Expired Nov 22');
    expect(attentionReason({ kind: 'grace', at: NOW + 5 * 3_600_000 }, NOW, UTC)).toBe(
      'Old token stops working Nov 25, 14:00',
    );
  });
});

describe('the tray model', () => {
  it('shortens long token names so the native menu stays narrow', () => {
    const long = token({ name: 'Production deployment token for the EU-West cluster (primary)' });
    const model = buildTrayModel({
      attention: [{ token: long, deadline: { kind: 'expiry', at: NOW + 7 * DAY } }],
      candidates: [long],
      paused: false,
      now: NOW,
      wording: UTC,
    });
    expect(model.upcoming).toEqual([
      { tokenId: 't_1', label: 'Mailtrap · Production deployment token for the EU-… — Expires Dec 2' },
    ]);
    expect(model).toMatchObject({
      attentionCount: 1,
      tooltip: 'Tokenkeeper: 1 token needs attention',
      paused: false,
    });
  });
});
