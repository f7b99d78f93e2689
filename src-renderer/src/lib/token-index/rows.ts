/**
 * The list index's rows: decoding the core's compact tuples into the TokenRow the list draws,
 * and moving the time-dependent badges (expired, expires within 7 or 30 days, unused for 90 days)
 * as time passes. These four predicates repeat the core's (src-main/core/tokens/status.ts); a
 * property test (test/unit/renderer/token-index.test.ts) keeps the two in agreement.
 */
import type { Badge, ProviderId, TokenIndexRow, TokenRow } from '../../types';

const DAY_MS = 86_400_000;

/** Badges whose truth moves with the clock; the rest depend on the stored metadata alone. */
export const TIME_BADGES: readonly Badge[] = ['expired', 'expires_7', 'expires_30', 'unused_90'];
const isTimeBadge = (badge: Badge) => (TIME_BADGES as readonly string[]).includes(badge);

export interface IndexedToken {
  row: TokenRow;
  /** The core's lower-cased search text (name, account, last 4, creator, scope). */
  searchText: string;
  /** The annotation's lower-cased search text (note, tags, owner, used by), searched too. */
  annotationText: string;
  /** The annotation's tags and owner, for the sidebar's views by tag and by owner. */
  tags: readonly string[];
  owner: string | null;
  /** The connection's label, ASCII-folded as SQLite's lower() does (searched too). */
  labelText: string;
  /** Sort keys, ASCII-folded as SQLite's NOCASE collation folds. */
  nameKey: string;
  accountKey: string;
  scopeKey: string;
  /** The badges that do not move with time, kept so the time badges can be redone cheaply. */
  staticBadges: Badge[];
}

/** SQLite's NOCASE and lower() fold ASCII letters only. */
export const foldAscii = (text: string): string =>
  /[A-Z]/.test(text) ? text.replace(/[A-Z]/g, (c) => c.toLowerCase()) : text;

const live = (row: Pick<TokenRow, 'state'>) => row.state === 'active' || row.state === 'grace';

export function timeBadges(row: Pick<TokenRow, 'state' | 'expiresAt' | 'lastUsedAt'>, now: number): Badge[] {
  const out: Badge[] = [];
  const expires = row.expiresAt;
  if (live(row) && expires !== null && expires <= now) out.push('expired');
  if (row.state === 'active' && expires !== null && expires > now) {
    if (expires <= now + 7 * DAY_MS) out.push('expires_7');
    else if (expires <= now + 30 * DAY_MS) out.push('expires_30');
  }
  if (live(row) && row.lastUsedAt !== null && row.lastUsedAt <= now - 90 * DAY_MS) out.push('unused_90');
  return out;
}

/** The badges at `now`: the stored ones with the time-dependent ones worked out again. */
export function badgesAt(token: IndexedToken, now: number): Badge[] {
  const timed = timeBadges(token.row, now);
  return timed.length === 0 ? token.staticBadges : [...timed, ...token.staticBadges];
}

export interface ConnectionFacts {
  label: string;
  provider: ProviderId;
}

/** `label`: the connection's, from the connections the window knows. */
export function decodeRow(tuple: TokenIndexRow, label: string): IndexedToken {
  const [
    id,
    connectionId,
    accountId,
    accountName,
    name,
    last4,
    createdAt,
    createdBy,
    lastUsedAt,
    expiresAt,
    scopeKind,
    scopeSummary,
    state,
    graceEndsAt,
    origin,
    isConnectionCredential,
    snoozedUntil,
    replacesId,
    replacedById,
    badges,
    searchText,
    provider,
    tags,
    owner,
    annotationText,
  ] = tuple;
  return {
    row: {
      id,
      connectionId,
      connectionLabel: label,
      provider,
      accountId,
      accountName,
      name,
      last4,
      createdAt,
      createdBy,
      lastUsedAt,
      expiresAt,
      scopeKind,
      scopeSummary,
      state,
      graceEndsAt,
      origin,
      isConnectionCredential,
      snoozedUntil,
      replacesId,
      replacedById,
      // Time badges first, in the order badgesAt() gives them, so an unchanged row stays the same object.
      badges: [...badges.filter(isTimeBadge), ...badges.filter((b) => !isTimeBadge(b))],
    },
    searchText,
    annotationText,
    tags,
    owner,
    labelText: foldAscii(label),
    nameKey: foldAscii(name),
    accountKey: foldAscii(accountName ?? ''),
    scopeKey: foldAscii(scopeSummary),
    staticBadges: badges.filter((b) => !isTimeBadge(b)),
  };
}

/** The same token under a renamed connection. */
export function relabel(token: IndexedToken, connection: ConnectionFacts): IndexedToken {
  if (token.row.connectionLabel === connection.label && token.row.provider === connection.provider)
    return token;
  return {
    ...token,
    row: { ...token.row, connectionLabel: connection.label, provider: connection.provider },
    labelText: foldAscii(connection.label),
  };
}

/** The same token with its badges as of `now` (the same object when nothing moved). */
export function atTime(token: IndexedToken, now: number): IndexedToken {
  const badges = badgesAt(token, now);
  const current = token.row.badges;
  if (badges.length === current.length && badges.every((b, i) => current[i] === b)) return token;
  return { ...token, row: { ...token.row, badges } };
}
