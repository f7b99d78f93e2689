/**
 * The conformance suite's fault matrix: every provider with an API × every operation (sync,
 * create, rotate, revoke) × every fault the simulators inject (faults.ts). For each cell:
 * - the user sees the exact code and message written for that case;
 * - the cache is as it was (every token row, and every connection row but its status/last error),
 *   unless the provider acted, in which case the cache shows exactly what the provider holds
 *   (reconciled by listing, never by sending again);
 * - a create, rotation or revoke reached the provider once: never retried (simulator counts), and
 *   the provider holds exactly the tokens it should;
 * - the operations journal's verdict.
 * The matrix is written to docs/reliability.md; the test fails when the committed file differs.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { providerCore, type ProviderTest } from '../harness';
import { expected, faultsFor } from './faults';
import { cellCount, renderMatrix } from './render';
import { runCell, type Cell } from './run-cell';
import { OPERATIONS, subjectKey } from './subject';
import { API_SUBJECTS, TRACKED_SUBJECTS } from './subjects';

const cells: Cell[] = [];

let t: ProviderTest | null = null;
afterEach(async () => {
  await t?.shutdown();
  t = null;
});

describe.each(API_SUBJECTS)('$provider', (s) => {
  describe.each(OPERATIONS)('%s', (operation) => {
    it.each(faultsFor(operation))('$label: exact message, cache as it should be, sent once', async (spec) => {
      t = providerCore();
      const { cell, remoteBefore } = await runCell(t, s, operation, spec);
      cells.push(cell);
      expect(cell).toEqual({
        provider: subjectKey(s),
        operation,
        fault: spec.label,
        ...expected(s, operation, spec, remoteBefore),
      });
    });
  });
});

const DOC = path.resolve('docs/reliability.md');
const START = '<!-- fault-matrix:start (written by test/unit/providers/conformance/fault-matrix.test.ts) -->';
const END = '<!-- fault-matrix:end -->';

it('docs/reliability.md carries this matrix, as generated (regenerated and failing when it drifted)', () => {
  // Only a full run can write the document (a run filtered to some cells would drop rows).
  if (cells.length !== cellCount(API_SUBJECTS)) return;
  const committed = fs.readFileSync(DOC, 'utf8');
  const from = committed.indexOf(START);
  const to = committed.indexOf(END);
  expect(from, 'docs/reliability.md needs the fault-matrix markers').toBeGreaterThanOrEqual(0);
  expect(to).toBeGreaterThan(from);
  const generated = `${committed.slice(0, from + START.length)}\n${renderMatrix(cells, API_SUBJECTS, TRACKED_SUBJECTS)}\n${committed.slice(to)}`;
  if (generated !== committed) fs.writeFileSync(DOC, generated);
  expect(
    committed,
    'docs/reliability.md was out of date; it has been regenerated: review and commit it',
  ).toBe(generated);
});
