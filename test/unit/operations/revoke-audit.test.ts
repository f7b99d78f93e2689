/**
 * A revoke (or the delete that finishes a create-then-delete rotation) whose outcome is not clean
 * leaves its audit line, like every other failed operation: ambiguous when the provider could not
 * be checked afterwards, failed when the check found the token still there. Against the smoxy
 * simulator, through the contract.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { RotationStart, TokenRow } from '../../../src-preload/contract';
import { connectSmoxy, ok, providerCore, refusal, withSmoxy, type ProviderTest } from '../providers/harness';

let t: ProviderTest;
afterEach(async () => {
  await t.shutdown();
});

async function smoxyToken(name: string) {
  t = providerCore();
  const { sim, seed } = await withSmoxy(t);
  const connection = await connectSmoxy(t, sim, seed);
  const row = (await t.core.handlers.listTokens({ offset: 0, limit: 100 })).rows.find((r) => r.name === name);
  if (row === undefined) throw new Error(`no seeded token named ${name}`);
  return { sim, connection, row };
}

/** The token's audit lines for an action, oldest first, as the detail view shows them. */
async function lines(tokenId: string, action: string) {
  const detail = await t.core.handlers.getToken({ tokenId });
  return detail.audit
    .filter((a) => a.action === action)
    .reverse()
    .map((a) => ({ outcome: a.outcome, detail: a.detail }));
}

describe('audit lines of a revoke that did not end cleanly', () => {
  it('an ambiguous revoke (no answer, and the check failed too) is in the audit trail', async () => {
    const { sim, connection, row } = await smoxyToken('Unused test');
    sim.inject({ route: 'DELETE /api/api-tokens/:id', fault: { kind: 'timeout', afterHandling: true } });
    sim.inject({ route: 'GET /api/api-tokens', times: 3, fault: { kind: 'status', status: 503 } });
    const error = await refusal(t, 'revokeToken', { tokenId: row.id });
    expect(error).toEqual({
      code: 'ambiguous',
      message:
        'smoxy did not answer within 1 second. Tokenkeeper could not check smoxy afterwards. Sync to see whether “Unused test” still exists, then try again if it does.',
    });
    expect(sim.count('DELETE /api/api-tokens/:id')).toBe(1);
    expect(await lines(row.id, 'token.revoke')).toEqual([{ outcome: 'error', detail: 'outcome unknown' }]);
    const [op] = await t.core.handlers.listOperations({ onlyOpen: true });
    expect(op).toMatchObject({ kind: 'revoke', state: 'ambiguous', connectionId: connection.id });
  });

  it('a revoke the check found undone (still listed) is in the audit trail as failed', async () => {
    const { sim, row } = await smoxyToken('Unused test');
    sim.inject({ route: 'DELETE /api/api-tokens/:id', fault: { kind: 'status', status: 503 } });
    const error = await refusal(t, 'revokeToken', { tokenId: row.id });
    expect(error.code).toBe('provider_error');
    expect(error.message).toContain('Tokenkeeper checked smoxy afterwards: “Unused test” still exists.');
    expect(await lines(row.id, 'token.revoke')).toEqual([
      { outcome: 'error', detail: 'still there (checked)' },
    ]);
    const [op] = await t.core.handlers.listOperations({ onlyOpen: false });
    expect(op).toMatchObject({ kind: 'revoke', state: 'failed' });
  });

  it('a revoke confirmed by the check is one info line and the revoke itself, no error', async () => {
    const { sim, row } = await smoxyToken('Unused test');
    sim.inject({ route: 'DELETE /api/api-tokens/:id', fault: { kind: 'timeout', afterHandling: true } });
    await ok(t, 'revokeToken', { tokenId: row.id });
    expect(await lines(row.id, 'token.revoke')).toEqual([
      { outcome: 'info', detail: 'confirmed gone after an unclear answer' },
      { outcome: 'ok', detail: 'Revoked “Unused test” at smoxy' },
    ]);
  });

  it('the delete that finishes a rotation, found undone, is in the audit trail and the rotation stays open', async () => {
    const { sim, row } = await smoxyToken('Unused test');
    const start = await ok<RotationStart>(t, 'startRotation', { tokenId: row.id });
    if (start.secretId !== null) await ok(t, 'discardSecret', { secretId: start.secretId });
    sim.inject({ route: 'DELETE /api/api-tokens/:id', fault: { kind: 'status', status: 503 } });
    const error = await refusal(t, 'finishRotation', { operationId: start.operationId });
    expect(error.message).toContain('“Unused test” still exists.');
    expect(await lines(row.id, 'token.delete_old')).toEqual([
      { outcome: 'error', detail: 'still there (checked)' },
    ]);
    const detail = await t.core.handlers.getToken({ tokenId: row.id });
    expect(detail.token.state).toBe('active');
    expect(detail.replacedBy?.name).toBe((start.newToken as TokenRow).name);
    const recent = await t.core.handlers.listOperations({ onlyOpen: false });
    expect(recent.map((o) => [o.kind, o.state])).toEqual(
      expect.arrayContaining([
        ['rotate', 'awaiting_confirmation'],
        ['delete_old', 'failed'],
      ]),
    );
  });
});
