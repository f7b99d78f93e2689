/**
 * Checks on an annotation before it is sent, with the contract's limits and words, so a bad value
 * gets its message at once. The core checks again, and alone decides what looks like a secret.
 */
import type { Annotation } from '../types';

export type AnnotationField = 'tags' | 'owner' | 'usedBy' | 'note';

/** A tag as the core keeps it (trimmed, lower-cased), or the reason it cannot be one. */
export function checkTag(text: string, tags: readonly string[]): { tag: string } | { error: string } {
  const tag = text.trim().toLowerCase();
  if (tag === '') return { error: 'A tag cannot be empty.' };
  if (tag.includes(',')) return { error: 'A tag cannot contain a comma.' };
  if (tag.length > 40) return { error: 'Use at most 40 characters for a tag.' };
  if (tags.includes(tag)) return { error: `The tag “${tag}” is already there.` };
  if (tags.length >= 20) return { error: 'Use at most 20 tags.' };
  return { tag };
}

export function checkUsedBy(text: string, places: readonly string[]): { place: string } | { error: string } {
  const place = text.trim();
  if (place === '') return { error: 'A “used by” entry cannot be empty.' };
  if (place.length > 200) return { error: 'Use at most 200 characters for a “used by” entry.' };
  if (places.includes(place)) return { error: `“${place}” is already listed.` };
  if (places.length >= 50) return { error: 'List at most 50 places under “used by”.' };
  return { place };
}

export function checkAnnotation(a: Annotation): Partial<Record<AnnotationField, string>> {
  const errors: Partial<Record<AnnotationField, string>> = {};
  if ((a.owner ?? '').trim().length > 200) errors.owner = 'Use at most 200 characters for the owner.';
  if ((a.note ?? '').trim().length > 4000) errors.note = 'Use at most 4000 characters for the note.';
  return errors;
}

export const sameAnnotation = (a: Annotation, b: Annotation): boolean =>
  JSON.stringify(a) === JSON.stringify(b);
