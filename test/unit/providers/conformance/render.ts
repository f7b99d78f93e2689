/** The fault matrix as docs/reliability.md shows it: one table per provider, then every message word for word. */
import { FAULTS, faultsFor } from './faults';
import type { Cell } from './run-cell';
import {
  OPERATIONS,
  nameOf,
  rotationOf,
  subjectKey,
  titleOf,
  type ApiSubject,
  type Operation,
  type TrackedSubject,
} from './subject';

const ROTATION_COLUMN: Record<string, string> = {
  reset_with_grace: 'reset',
  in_place_immediate: 'rotate (in place)',
  create_then_delete: 'rotate (create new)',
};

const column = (s: ApiSubject, op: Operation) =>
  op === 'rotate' ? (ROTATION_COLUMN[rotationOf(s)] ?? 'rotate') : op;

/** How many cells a full run has. */
export const cellCount = (subjects: readonly ApiSubject[]) =>
  subjects.length * OPERATIONS.reduce((n, op) => n + faultsFor(op).length, 0);

export function renderMatrix(
  all: Cell[],
  subjects: readonly ApiSubject[],
  tracked: readonly TrackedSubject[],
): string {
  const find = (fault: string, s: ApiSubject, op: Operation) =>
    all.find((c) => c.fault === fault && c.provider === subjectKey(s) && c.operation === op);
  const lines: string[] = [];
  const lost = FAULTS.filter((f) => f.lost === true).length;
  lines.push(
    `${all.length} cases: ${subjects.length} adapters × ${OPERATIONS.length} operations × ${FAULTS.length} faults (a read has no effect to lose, so the ${lost} "after the provider acted" faults apply to create, rotate and revoke only). Each cell: the error code the user gets (\`ok\`: the operation succeeded), the cache afterwards, and how many requests reached the faulted endpoint.`,
  );
  for (const s of subjects) {
    lines.push('', `### ${titleOf(s)}`, '');
    lines.push(`| fault | ${OPERATIONS.map((op) => column(s, op)).join(' | ')} |`);
    lines.push(`| --- | ${OPERATIONS.map(() => '---').join(' | ')} |`);
    for (const f of FAULTS) {
      const row = OPERATIONS.map((op) => {
        const cell = find(f.label, s, op);
        return cell === undefined ? 'n/a' : `\`${cell.code}\`, ${cell.cache}, ${cell.calls}×`;
      });
      lines.push(`| ${f.label} | ${row.join(' | ')} |`);
    }
  }
  for (const s of tracked) {
    lines.push(
      '',
      `### ${nameOf(s)}`,
      '',
      'No API: tokens are recorded by hand and nothing is ever called, so no fault applies (a create is refused with `invalid_input` before any call; the conformance suite checks every remote operation is refused with `not_supported`).',
    );
  }
  lines.push('');
  lines.push(
    '<details><summary>Every message, word for word (PORT and HH:MM:SS stand for the values of the moment)</summary>',
  );
  lines.push('');
  lines.push('| adapter | operation | fault | code | journal | message |');
  lines.push('| --- | --- | --- | --- | --- | --- |');
  for (const s of subjects) {
    for (const op of OPERATIONS) {
      for (const f of FAULTS) {
        const cell = find(f.label, s, op);
        if (cell === undefined || cell.code === 'ok') continue;
        lines.push(
          `| ${titleOf(s)} | ${column(s, op)} | ${f.label} | \`${cell.code}\` | ${cell.journal ?? 'n/a'} | ${cell.message.replace(/\|/g, '\\|')} |`,
        );
      }
    }
  }
  lines.push('');
  lines.push('</details>');
  return lines.join('\n');
}
