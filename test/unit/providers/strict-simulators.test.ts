/**
 * The simulators refuse what the real providers would (test/simulators/strict.ts and each
 * simulator's header say which refusals are documented and which are modeled): bodies that are not
 * JSON, unknown and mistyped fields, ids that are not the provider's kind of id, out-of-range
 * values. Each probe is a raw HTTP request, so no adapter can paper over a simulator that accepts
 * too much.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY } from '../../simulators/base';
import {
  seedMailtrap,
  startMailtrap,
  type MailtrapSeed,
  type MailtrapSimulator,
} from '../../simulators/mailtrap';
import { seedMirox, startMirox, type MiroxSimulator } from '../../simulators/mirox';
import { seedSmoxy, startSmoxy, type SmoxySimulator } from '../../simulators/smoxy';
import { addYears, isoDateTime, positiveInteger, positiveIntegerId } from '../../simulators/strict';

const T0 = Date.parse('2026-11-25T09:00:00.000Z');

interface Probe {
  name: string;
  method: string;
  path: string;
  json?: unknown;
  form?: Record<string, string>;
  /** A body sent as is, with its content type. */
  raw?: { type: string; text: string };
  status: number;
  /** Part of the answer's body the provider would send. */
  body?: unknown;
}

async function send(
  base: string,
  probe: Probe,
  headers: Record<string, string>,
): Promise<{ status: number; body: unknown }> {
  let body: string | undefined;
  const all = { ...headers };
  if (probe.json !== undefined) {
    all['content-type'] = 'application/json';
    body = JSON.stringify(probe.json);
  } else if (probe.form !== undefined) {
    all['content-type'] = 'application/x-www-form-urlencoded';
    body = new URLSearchParams(probe.form).toString();
  } else if (probe.raw !== undefined) {
    all['content-type'] = probe.raw.type;
    body = probe.raw.text;
  }
  const response = await fetch(`${base}${probe.path}`, {
    method: probe.method,
    headers: all,
    ...(body === undefined ? {} : { body }),
  });
  const text = await response.text();
  return { status: response.status, body: text === '' ? null : (JSON.parse(text) as unknown) };
}

function runProbes(probes: Probe[], target: () => { base: string; headers: Record<string, string> }) {
  it.each(probes)('$name → $status', async (probe) => {
    const { base, headers } = target();
    const answer = await send(base, probe, headers);
    expect(answer.status).toBe(probe.status);
    if (probe.body !== undefined) expect(answer.body).toMatchObject(probe.body as object);
  });
}

describe('the shared checks', () => {
  it('reads ISO 8601 dates and date-times, and nothing else', () => {
    expect(isoDateTime('2027-03-01T10:00:00Z')).toBe(Date.parse('2027-03-01T10:00:00Z'));
    expect(isoDateTime('2027-03-01T10:00:00.123+02:00')).toBe(Date.parse('2027-03-01T08:00:00.123Z'));
    expect(isoDateTime('2027-03-01T10:00')).toBe(Date.parse('2027-03-01T10:00:00Z'));
    expect(isoDateTime('2027-03-01')).toBe(Date.parse('2027-03-01T00:00:00Z'));
    expect(isoDateTime('2028-02-29')).not.toBeNull();
    for (const bad of ['2027-02-29', '2027-02-30', '2027-13-01', '2027-03-01T24:00', 'March 1, 2027', '', 17])
      expect(isoDateTime(bad), String(bad)).toBeNull();
  });

  it('takes ids as positive integers only', () => {
    expect(positiveIntegerId('3229')).toBe(3229);
    for (const bad of ['0', '012', '-3', '1.5', '12abc', ' 12', '', undefined])
      expect(positiveIntegerId(bad), String(bad)).toBeNull();
    expect(positiveInteger(12)).toBe(12);
    expect(positiveInteger('12')).toBe(12);
    for (const bad of [1.5, 0, -1, true, null, 'x', Number.MAX_SAFE_INTEGER + 2])
      expect(positiveInteger(bad), String(bad)).toBeNull();
  });

  it('counts years on the calendar', () => {
    expect(addYears(T0, 5) - T0).toBe(1826 * DAY);
    expect(addYears(Date.parse('2027-01-10T00:00:00Z'), 1) - Date.parse('2027-01-10T00:00:00Z')).toBe(
      365 * DAY,
    );
  });
});

describe('Mailtrap simulator', () => {
  let sim: MailtrapSimulator;
  let seed: MailtrapSeed;
  beforeAll(async () => {
    sim = await startMailtrap({ now: () => T0 });
    seed = seedMailtrap(sim);
  });
  afterAll(() => sim.close());
  const tokens = '/api/accounts/3229/api_tokens';
  const production = () => sim.findByName('Production SMTP')[0]?.id ?? 0;
  runProbes(
    [
      { name: 'a form-encoded create', method: 'POST', path: tokens, form: { name: 'x' }, status: 415 },
      {
        name: 'a create sent as text',
        method: 'POST',
        path: tokens,
        raw: { type: 'text/plain', text: '{"name":"x"}' },
        status: 415,
      },
      { name: 'a create that is a list', method: 'POST', path: tokens, json: [{ name: 'x' }], status: 422 },
      {
        name: 'a create with a field the API does not take',
        method: 'POST',
        path: tokens,
        json: { name: 'x', permissions: 'admin' },
        status: 422,
        body: { errors: { permissions: ['is not a permitted parameter'] } },
      },
      {
        name: 'a create whose name is a number',
        method: 'POST',
        path: tokens,
        json: { name: 12 },
        status: 422,
        body: { errors: { name: ['must be a string'] } },
      },
      {
        name: 'a create whose name is too long',
        method: 'POST',
        path: tokens,
        json: { name: 'x'.repeat(256) },
        status: 422,
      },
      {
        name: 'several wrong fields at once, each named',
        method: 'POST',
        path: tokens,
        json: { name: '', expires_at: 'soon', resources: 'all' },
        status: 422,
        body: {
          errors: {
            name: ["can't be blank"],
            expires_at: ['must be a valid ISO 8601 date-time'],
            resources: ['must be a list of { resource_type, resource_id, access_level }'],
          },
        },
      },
      {
        name: 'a resource with an extra key',
        method: 'POST',
        path: tokens,
        json: {
          name: 'x',
          resources: [{ resource_type: 'account', resource_id: 3229, access_level: 10, x: 1 }],
        },
        status: 422,
      },
      {
        name: 'an account id that is not an integer',
        method: 'GET',
        path: '/api/accounts/3229abc/api_tokens',
        status: 404,
      },
      { name: 'account id 0', method: 'GET', path: '/api/accounts/0/api_tokens', status: 404 },
      { name: 'a token id that is not an integer', method: 'GET', path: `${tokens}/1.5`, status: 404 },
      { name: 'a delete of a non-integer id', method: 'DELETE', path: `${tokens}/abc`, status: 404 },
    ],
    () => ({ base: sim.url, headers: { 'Api-Token': seed.credential } }),
  );

  it('a reset takes only expires_at, as JSON', async () => {
    const headers = { 'Api-Token': seed.credential };
    const path = `${tokens}/${production()}/reset`;
    expect(
      await send(sim.url, { name: '', method: 'POST', path, json: { name: 'renamed' }, status: 0 }, headers),
    ).toEqual({ status: 422, body: { errors: { name: ['is not a permitted parameter'] } } });
    expect(
      (await send(sim.url, { name: '', method: 'POST', path, form: { expires_at: '' }, status: 0 }, headers))
        .status,
    ).toBe(415);
    expect(sim.findByName('Production SMTP')).toHaveLength(1);
  });

  it('accepts Authorization: Bearer as well as Api-Token, and nothing else', async () => {
    const bare = { name: '', method: 'GET', path: '/api/accounts', status: 0 };
    expect((await send(sim.url, bare, {})).status).toBe(401);
    expect((await send(sim.url, bare, { Authorization: `Token ${seed.credential}` })).status).toBe(401);
    const answer = await send(
      sim.url,
      { name: '', method: 'GET', path: '/api/accounts', status: 0 },
      { Authorization: `Bearer ${seed.credential}` },
    );
    expect(answer.status).toBe(200);
    expect(sim.authSchemes.at(-1)).toBe('bearer');
  });
});

describe('smoxy simulator', () => {
  let sim: SmoxySimulator;
  let jwt = '';
  beforeAll(async () => {
    sim = await startSmoxy({ now: () => T0 });
    const seed = seedSmoxy(sim);
    const login = await fetch(`${sim.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: seed.email, password: seed.password }),
    });
    jwt = ((await login.json()) as { token: string }).token;
  });
  afterAll(() => sim.close());
  const create = (json: unknown, name: string, status: number, body?: unknown): Probe => ({
    name,
    method: 'POST',
    path: '/api/api-tokens',
    json,
    status,
    ...(body === undefined ? {} : { body }),
  });
  runProbes(
    [
      {
        name: 'a form-encoded create',
        method: 'POST',
        path: '/api/api-tokens',
        form: { name: 'x' },
        status: 415,
      },
      create({ name: 'x', organizations: [], scope: 'all' }, 'an extra attribute', 400, {
        'hydra:description': 'Extra attributes are not allowed ("scope" is unknown).',
      }),
      create({ name: 7, organizations: [] }, 'a name that is a number', 400, {
        'hydra:description': 'The type of the "name" attribute must be "string", "int" given.',
      }),
      create({ name: 'x', organizations: '/api/organizations/12' }, 'organizations that are not a list', 400),
      create({ name: 'x', organizations: ['12'] }, 'an organization that is not an IRI', 400, {
        'hydra:description': 'Invalid IRI "12".',
      }),
      create(
        { name: 'x', organizations: ['/api/organizations/99'] },
        'an organization the user is not in',
        422,
      ),
      create({ name: 'x' }, 'no organizations at all (modeled: [] means all, missing is refused)', 422),
      create(
        { name: 'x', organizations: [], expiresAt: '2027-02-30T00:00:00Z' },
        'a day the calendar does not have',
        422,
      ),
      create({ name: 'x', organizations: [], expiresAt: 1_900_000_000 }, 'an expiry that is a number', 400),
      create({ name: ' cache PURGE ', organizations: [] }, 'a name in use in another case', 422, {
        violations: [{ propertyPath: 'name', message: 'You already have a token with this name.' }],
      }),
      {
        name: 'a delete of an id that is not a UUID',
        method: 'DELETE',
        path: '/api/api-tokens/123',
        status: 404,
      },
      { name: 'page 0', method: 'GET', path: '/api/api-tokens?page=0', status: 400 },
      { name: 'a page that is not a number', method: 'GET', path: '/api/api-tokens?page=two', status: 400 },
    ],
    () => ({ base: sim.url, headers: { Authorization: `Bearer ${jwt}` } }),
  );

  it('takes a login only as JSON with e-mail and password', async () => {
    const probe = (p: Partial<Probe>) =>
      send(sim.url, { name: '', method: 'POST', path: '/api/auth/login', status: 0, ...p }, {});
    expect((await probe({ form: { email: 'jane@acme.test', password: 'x' } })).status).toBe(415);
    expect((await probe({ json: { email: 'jane@acme.test', password: 'x', remember: true } })).status).toBe(
      400,
    );
  });
});

describe('Mirox simulator', () => {
  let sim: MiroxSimulator;
  let headers: Record<string, string> = {};
  beforeAll(async () => {
    sim = await startMirox({ now: () => T0 });
    const seed = seedMirox(sim);
    const cookie = await sim.login(seed.email, seed.password);
    headers = { Cookie: cookie, 'X-XSRF-TOKEN': /XSRF-TOKEN=([^;]+)/.exec(cookie)?.[1] ?? '' };
  });
  afterAll(() => sim.close());
  const create = (json: unknown, name: string, status: number): Probe => ({
    name,
    method: 'POST',
    path: '/api/v1/profile/api-tokens',
    json,
    status,
  });
  const id = () => sim.liveTokens()[0]?.id ?? '';
  runProbes(
    [
      {
        name: 'a form-encoded create',
        method: 'POST',
        path: '/api/v1/profile/api-tokens',
        form: { name: 'x', permissionGroup: 'reporting' },
        status: 415,
      },
      create({ name: 'x', permissionGroup: 'reporting', scope: 'all' }, 'an unknown field', 422),
      create({ name: 'x', permissionGroup: 'Reporting' }, 'a group by its display name, not its value', 422),
      create({ name: 'x'.repeat(256), permissionGroup: 'reporting' }, 'a name over 255 characters', 422),
      create(
        {
          name: 'x',
          permissionGroup: 'reporting',
          expiresAt: new Date(addYears(T0, 5) + 1000).toISOString(),
        },
        'an expiry past five calendar years',
        422,
      ),
      create(
        {
          name: 'Exactly five years',
          permissionGroup: 'reporting',
          expiresAt: new Date(addYears(T0, 5)).toISOString(),
        },
        'an expiry exactly five calendar years ahead',
        201,
      ),
      create(
        { name: 'x', permissionGroup: 'reporting', expiresAt: 1_900_000_000_000 },
        'an expiry that is a number',
        422,
      ),
      {
        name: 'a rotation of an id that is not a UUID',
        method: 'POST',
        path: '/api/v1/profile/api-tokens/12/rotate',
        status: 404,
      },
      {
        name: 'a revoke of an id that is not a UUID',
        method: 'DELETE',
        path: '/api/v1/profile/api-tokens/12',
        status: 404,
      },
    ],
    () => ({ base: sim.url, headers }),
  );

  it('a rotation takes no body', async () => {
    const before = sim.liveTokens()[0]?.secret;
    const answer = await send(
      sim.url,
      {
        name: '',
        method: 'POST',
        path: `/api/v1/profile/api-tokens/${id()}/rotate`,
        json: { expiresAt: 'never' },
        status: 0,
      },
      headers,
    );
    expect(answer.status).toBe(422);
    expect(sim.liveTokens()[0]?.secret).toBe(before);
  });
});
