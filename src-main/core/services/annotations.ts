/**
 * Annotations: the note, tags, owner and "used by" list the user keeps on any token, synced or
 * tracked (db/repositories/annotations.ts). Metadata only: a value shaped like a secret is refused
 * before anything is stored, and the message names the field, never the value.
 */
import type { Annotation } from '../../../src-preload/contract';
import type { CoreContext } from '../context';
import type { AnnotationFields } from '../db/repositories/annotations';
import { invalidInput } from '../errors';
import { looksLikeSecret } from '../log/redact';

const FIELD_NAMES = { note: 'note', owner: 'owner', usedBy: '“used by” list', tags: 'tags' } as const;

/** Empty text is no value; tags are kept once each, in the order given. */
export function normalizeAnnotation(input: Annotation): AnnotationFields {
  const text = (value: string | null) => (value === null || value.trim() === '' ? null : value.trim());
  return {
    note: text(input.note),
    tags: [...new Set(input.tags.map((t) => t.trim().toLowerCase()).filter((t) => t !== ''))],
    owner: text(input.owner),
    usedBy: input.usedBy.map((u) => u.trim()).filter((u) => u !== ''),
  };
}

/** Refuses an annotation any part of which looks like a token secret. */
export function refuseSecrets(fields: AnnotationFields, where = ''): void {
  const parts: [keyof typeof FIELD_NAMES, (string | null)[]][] = [
    ['note', [fields.note]],
    ['tags', fields.tags],
    ['owner', [fields.owner]],
    ['usedBy', fields.usedBy],
  ];
  for (const [field, values] of parts) {
    if (values.some((v) => v !== null && looksLikeSecret(v)))
      throw invalidInput(
        `${where}The ${FIELD_NAMES[field]} looks like it contains a token secret. Tokenkeeper keeps no secrets: remove it and describe where the secret is kept instead.`,
        field,
      );
  }
}

export class AnnotationsService {
  constructor(private readonly ctx: CoreContext) {}

  get(tokenId: string): Annotation {
    return this.ctx.repos.annotations.fieldsOf(tokenId);
  }

  /** Validates and stores a token's annotation (the token must exist), then tells the window. */
  set(tokenId: string, connectionId: string, input: Annotation): Annotation {
    const fields = normalizeAnnotation(input);
    refuseSecrets(fields);
    const { ctx } = this;
    ctx.db.transaction(() => {
      ctx.repos.annotations.put({ tokenId, ...fields, updatedAt: ctx.now() });
      ctx.audit({
        action: 'token.annotate',
        outcome: 'ok',
        connectionId,
        tokenId,
        detail: 'Edited the note, tags, owner or used-by',
      });
    })();
    ctx.emit('tokensChanged', { connectionIds: [connectionId] });
    return this.get(tokenId);
  }
}

/** Gives `toId` the annotation of `fromId` (a rotation's successor, with the user's consent). */
export function carryOverAnnotation(
  ctx: CoreContext,
  fromId: string,
  toId: string,
  // A manual rotation's form sets the successor's note itself: that one wins over the old note.
  overrides: Partial<Pick<AnnotationFields, 'note'>> = {},
): void {
  if (fromId === toId) return;
  const from = ctx.repos.annotations.get(fromId);
  if (from === null) return;
  ctx.repos.annotations.put({ ...from, ...overrides, tokenId: toId, updatedAt: ctx.now() });
}
