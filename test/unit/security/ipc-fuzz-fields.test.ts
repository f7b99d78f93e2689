/**
 * IPC fuzzing, field by field (ipc-fuzz.test.ts throws arbitrary values at every channel; these
 * reach each field's own checks). Every channel has a valid payload in test/security/ipc-payloads.ts
 * (the type makes a new channel without one a compile error). From it come payloads that are wrong in exactly one place:
 * each field (nested ones too) missing, null, of the wrong type, out of range, oversized, a
 * prototype-polluting object; an unknown key and an own `__proto__` key at every level; the whole
 * payload as an array, a string or null. Each must be refused before its handler runs, with
 * `invalid_input`, a short message that names the field and quotes nothing from the payload, and
 * nothing written. Unknown keys and `__proto__` are refused on every object, always: the contract's
 * objects are strict.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channelNames, channels } from '../../../src-preload/contract';
import { casesFor, isPlainObject, objectChannels, VALID } from '../../security/ipc-payloads';
import { addTrackedConnection, makeCore, type TestCore } from '../helpers';

let t: TestCore;
const snapshot = (): string => {
  const db = t.core.context.db;
  const tables = db
    .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`)
    .all() as { name: string }[];
  return JSON.stringify(
    tables.map(({ name }) => [name, db.prepare(`SELECT * FROM "${name}" ORDER BY rowid`).all()]),
  );
};

beforeAll(async () => {
  t = makeCore();
  await addTrackedConnection(t.core);
});
afterAll(() => t.close());

/** Strings of the payload long enough to matter (never quoted back in a message). */
function strings(value: unknown, out: string[] = [], depth = 0): string[] {
  if (depth > 5) return out;
  if (typeof value === 'string' && value.length >= 12) out.push(value.slice(0, 200));
  else if (Array.isArray(value)) value.slice(0, 3).forEach((v) => strings(v, out, depth + 1));
  else if (isPlainObject(value)) Object.values(value).forEach((v) => strings(v, out, depth + 1));
  return out;
}

let refused = 0;

describe('IPC fuzzing, field by field', () => {
  it.each(channelNames)(
    '%s: every payload wrong in one place is refused, names the field, quotes nothing, writes nothing',
    async (name) => {
      const schema = channels[name].input;
      expect(schema.safeParse(VALID[name]).success).toBe(true);
      const before = snapshot();
      const reached = new Set<string>();
      for (const c of casesFor(VALID[name])) {
        const invalid = !schema.safeParse(c.payload).success;
        if (c.always) expect(invalid, `${name} accepted ${c.label}`).toBe(true);
        if (!invalid) continue;
        const result = await t.core.call(name, c.payload);
        expect(result.ok, `${name} accepted ${c.label}`).toBe(false);
        if (result.ok) continue;
        refused += 1;
        expect(result.error.code, `${name} ${c.label}`).toBe('invalid_input');
        expect(result.error.message.length).toBeGreaterThan(10);
        expect(result.error.message.length).toBeLessThan(300);
        expect(result.error.message).not.toMatch(/\n\s+at |node_modules|\.ts:\d+/);
        for (const s of strings(c.payload))
          expect(result.error.message, `${name} ${c.label} quoted the payload`).not.toContain(s);
        if (c.field !== '' && result.error.field !== undefined) {
          expect(
            `${result.error.field}.`.startsWith(`${c.field}.`) ||
              `${c.field}.`.startsWith(`${result.error.field}.`),
            `${name} ${c.label}: field ${result.error.field}`,
          ).toBe(true);
          reached.add(c.field);
        }
      }
      // Every field of the payload had its own check reached by at least one refusal naming it.
      const fields = new Set(
        casesFor(VALID[name])
          .filter((c) => c.field !== '' && !c.always)
          .map((c) => c.field),
      );
      expect([...fields].filter((f) => !reached.has(f))).toEqual([]);
      expect(snapshot()).toBe(before);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect(Object.prototype).not.toHaveProperty('polluted');
    },
  );

  it.each(objectChannels())(
    '%s: one field replaced by anything at all is refused or handled, never an internal error',
    async (name) => {
      const sample = VALID[name] as Record<string, unknown>;
      const keys = Object.keys(sample);
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...keys),
          fc.anything({ withNullPrototype: true, withObjectString: true, maxDepth: 3 }),
          async (key, value) => {
            const payload = { ...sample, [key]: value };
            if (channels[name].input.safeParse(payload).success) return;
            const result = await t.core.call(name, payload);
            expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
          },
        ),
        { numRuns: 40 },
      );
    },
  );

  it('ran a known number of refusals (figure for docs/security.md)', () => {
    if (refused === 0) return;
    console.log(`IPC field fuzz: ${refused} payloads refused across ${channelNames.length} channels`);
    expect(refused).toBeGreaterThan(channelNames.length * 10);
  });
});
