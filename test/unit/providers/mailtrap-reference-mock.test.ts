/**
 * Every request the Mailtrap adapter sends, judged by a mock built only from the reference page
 * (shared/providers/mailtrap-api-tokens-reference.txt) and the accounts endpoint of the providers'
 * README, not from the simulator: the documented routes and methods, `account_id` and `id` as
 * integers (min 1), the documented auth (`Api-Token`, or `Authorization: Bearer`, which the README
 * says Mailtrap also accepts), a JSON body on create with `name` a non-empty string. The page
 * documents no other field as refused, so fields it does not list (the SDK's `expires_at` and
 * `resources`) pass; their rules are the simulator's and the SDK contract test's. Its answers
 * carry only some of the optional fields, as the page allows.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { NewSecret, RotationStart, TokenPage } from '../../../src-preload/contract';
import { ok, providerCore, type ProviderTest } from './harness';

const CREDENTIAL = 'mt-reference-credential-0000wxyz';
const INTEGER = /^[1-9][0-9]{0,18}$/;

interface Seen {
  method: string;
  path: string;
  refused: string | null;
}

function referenceMock() {
  const seen: Seen[] = [];
  let nextId = 100;
  const tokens = new Map<number, Record<string, unknown>>([
    [11, { id: 11, name: 'Tokenkeeper', last_4_digits: 'wxyz' }],
    [12, { id: 12, last_4_digits: 'ab12' }],
    [13, { id: 13, name: 'Dated', expires_at: '2027-06-01T00:00:00Z' }],
  ]);
  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk: Buffer) => (raw += chunk.toString()));
    req.on('end', () => {
      const path = (req.url ?? '').split('?')[0] ?? '';
      const method = req.method ?? '';
      const entry: Seen = { method, path, refused: null };
      seen.push(entry);
      const answer = (status: number, body?: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(body === undefined ? '' : JSON.stringify(body));
      };
      const refuse = (status: number, why: string) => {
        entry.refused = why;
        answer(status, { error: why });
      };
      const apiToken = req.headers['api-token'];
      const authorization = req.headers.authorization;
      if (apiToken !== CREDENTIAL && authorization !== `Bearer ${CREDENTIAL}`)
        return refuse(401, 'no documented auth header with the token');
      let body: unknown = undefined;
      if (raw !== '') {
        if (!(req.headers['content-type'] ?? '').startsWith('application/json'))
          return refuse(415, 'a body that is not JSON');
        try {
          body = JSON.parse(raw) as unknown;
        } catch {
          return refuse(400, 'a body that does not parse');
        }
      }
      if (method === 'GET' && path === '/api/accounts')
        return answer(200, [{ id: 3229, name: 'Acme Mail', access_levels: [1000] }]);
      const match = /^\/api\/accounts\/([^/]+)\/api_tokens(?:\/([^/]+))?(\/reset)?$/.exec(path);
      if (match === null) return refuse(404, 'not a documented route');
      const [, accountId, id, reset] = match;
      if (!INTEGER.test(accountId ?? '')) return refuse(400, 'account_id is not an integer ≥ 1');
      if (id !== undefined && !INTEGER.test(id)) return refuse(400, 'id is not an integer ≥ 1');
      if (id === undefined && method === 'GET') return answer(200, [...tokens.values()]);
      if (id === undefined && method === 'POST') {
        const name = (body as { name?: unknown } | undefined)?.name;
        if (typeof name !== 'string' || name.trim() === '') return refuse(422, 'create without a name');
        const token = { id: nextId++, name, last_4_digits: 'nw01' };
        tokens.set(token.id, token);
        return answer(200, { ...token, token: `mt-new-secret-${token.id}-nw01` });
      }
      const token = tokens.get(Number(id));
      if (token === undefined) return refuse(404, 'an unknown token');
      if (reset !== undefined && method === 'POST') {
        const next = { id: nextId++, name: token.name, last_4_digits: 'rs01' };
        tokens.set(next.id, next);
        token.expires_at = new Date(Date.now() + 3_600_000).toISOString();
        return answer(200, { ...next, token: `mt-reset-secret-${next.id}-rs01` });
      }
      if (reset === undefined && method === 'GET') return answer(200, token);
      if (reset === undefined && method === 'DELETE') {
        tokens.delete(Number(id));
        return answer(204);
      }
      return refuse(405, 'not a documented method');
    });
  });
  return {
    seen,
    start: () =>
      new Promise<string>((resolve) =>
        server.listen(0, '127.0.0.1', () =>
          resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`),
        ),
      ),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

let t: ProviderTest;
let mock: ReturnType<typeof referenceMock>;

beforeEach(() => {
  t = providerCore();
  mock = referenceMock();
});

afterEach(async () => {
  await t.shutdown();
  await mock.close();
});

describe('the Mailtrap adapter against a mock of the reference page', () => {
  it('connects, syncs, creates with expiry and permissions, resets, replaces and revokes, and not one request is refused', async () => {
    const baseUrl = await mock.start();
    const draft = await t.core.handlers.beginConnection({
      provider: 'mailtrap',
      mode: 'api',
      label: 'Reference',
      baseUrl,
      fields: { apiToken: CREDENTIAL },
    });
    const connection = await t.core.handlers.completeConnection({
      draftId: draft.draftId,
      label: 'Reference',
      accountIds: ['3229'],
    });
    await t.idle();
    const rows = async () => (await ok<TokenPage>(t, 'listTokens', { offset: 0, limit: 100 })).rows;
    expect((await rows()).map((r) => r.name).sort()).toEqual(['(unnamed)', 'Dated', 'Tokenkeeper']);
    await ok<NewSecret>(t, 'createToken', {
      connectionId: connection.id,
      accountId: '3229',
      name: 'Deploy',
      expiresAt: t.clock.now() + 30 * 86_400_000,
      permissions: [{ resourceType: 'account', resourceId: '3229', level: 'admin' }],
    });
    const dated = (await rows()).find((r) => r.name === 'Dated');
    const reset = await ok<RotationStart>(t, 'startRotation', { tokenId: dated?.id });
    expect(reset.kind).toBe('reset_with_grace');
    // The old token is now in its grace period: a replacement is offered, and made.
    const replacement = await ok<RotationStart>(t, 'startRotation', { tokenId: dated?.id });
    expect(replacement.kind).toBe('create_then_delete');
    await ok(t, 'finishRotation', { operationId: replacement.operationId });
    expect(mock.seen.filter((s) => s.refused !== null)).toEqual([]);
    expect(mock.seen.map((s) => `${s.method} ${s.path.replace(/\d+/g, 'N')}`)).toEqual(
      expect.arrayContaining([
        'GET /api/accounts',
        'GET /api/accounts/N/api_tokens',
        'POST /api/accounts/N/api_tokens',
        'POST /api/accounts/N/api_tokens/N/reset',
        'GET /api/accounts/N/api_tokens/N',
        'DELETE /api/accounts/N/api_tokens/N',
      ]),
    );
  });
});
