/**
 * The provider registry and the module rules: a module's parts must agree (checked when it is
 * loaded), the registry refuses two providers with one id or name, main refuses an id it does not
 * know, and what the core derives from the modules (links, secret shapes, rotation) is theirs.
 */
import { describe, expect, it } from 'vitest';
import { isAllowedExternalUrl } from '../../../src-main/core/external-links';
import { redactString } from '../../../src-main/core/log/redact';
import { github } from '../../../src-main/core/providers/github';
import {
  defineProvider,
  describeProvider,
  type ProviderModuleParts,
} from '../../../src-main/core/providers/module';
import { createRegistry, SHIPPED_PROVIDERS } from '../../../src-main/core/providers/registry';
import { allowedNavigation, WEB_SIGN_IN, webSignInSpecs } from '../../../src-main/shell/web-sessions-policy';
import { ProviderId } from '../../../src-preload/contract';
import { orbitly } from '../../fixtures/providers/orbitly';
import { orbitlyAdapter } from '../../fixtures/providers/orbitly/adapter';
import { orbitlyDescriptor, orbitlyRotation } from '../../fixtures/providers/orbitly/descriptor';
import { connection, token } from '../builders';
import { makeCore, tempDir } from '../helpers';

const parts = (overrides: Partial<ProviderModuleParts> = {}): ProviderModuleParts => ({
  descriptor: orbitlyDescriptor,
  adapter: orbitlyAdapter,
  rotation: orbitlyRotation,
  ...overrides,
});

describe('provider modules', () => {
  it('the shipped ones are listed by name, each with its own id and folder', () => {
    const registry = createRegistry();
    expect(registry.modules.map((m) => m.descriptor.name)).toEqual([
      'Cloudflare',
      'Datadog',
      'GitHub',
      'GitLab',
      'Mailtrap',
      'Mirox',
      'npm',
      'smenso',
      'smoxy',
      'Vercel',
    ]);
    for (const module of SHIPPED_PROVIDERS) {
      expect(ProviderId.safeParse(module.descriptor.id).success).toBe(true);
      // "Can it rotate, and how" is the rotation spec's, in the descriptor too.
      expect(module.descriptor.capabilities.rotation).toBe(module.rotation.kind);
      expect(module.descriptor.rotationExplanation).toBe(module.rotation.explanation);
      expect(module.descriptor.capabilities.graceSeconds).toBe(module.rotation.graceSeconds);
    }
  });

  it('refuse parts that contradict each other, saying which module and why', () => {
    const inPlaceWithoutRotate = { ...orbitlyAdapter, rotate: undefined };
    expect(() => defineProvider(parts({ adapter: inPlaceWithoutRotate }))).toThrow(
      /“orbitly”: rotation “in_place_immediate” needs an adapter with rotate\(\)/,
    );
    expect(() => defineProvider(parts({ adapter: null }))).toThrow(
      /hasApi must be true exactly when it has an adapter/,
    );
    expect(() => defineProvider(parts({ rotation: { ...orbitlyRotation, kind: 'manual' } }))).toThrow(
      /built with describeProvider from its rotation spec/,
    );
    const web = describeProvider({ ...orbitlyDescriptor, session: 'web' }, orbitlyRotation);
    expect(() =>
      defineProvider(parts({ descriptor: web, adapter: { ...orbitlyAdapter, descriptor: web } })),
    ).toThrow(/session “web” needs a web sign-in policy/);
    expect(() => defineProvider(parts({ secretShapes: [/orb_[a-z]+/] }))).toThrow(/must be global/);
    const badId = describeProvider({ ...orbitlyDescriptor, id: 'Orbitly!' }, orbitlyRotation);
    expect(() =>
      defineProvider(parts({ descriptor: badId, adapter: { ...orbitlyAdapter, descriptor: badId } })),
    ).toThrow();
    expect(() =>
      defineProvider(parts({ adapter: { ...orbitlyAdapter, descriptor: { ...orbitlyDescriptor } } })),
    ).toThrow(/its adapter must carry the module’s own descriptor/);
    // Pasted-token pieces: the descriptor draws a form only for a call the module has.
    const { tokenCheck: _check, ...withoutCheck } = github.descriptor;
    expect(() =>
      defineProvider({
        descriptor: withoutCheck,
        adapter: null,
        rotation: github.rotation,
        ...(github.origins === null ? {} : { origins: github.origins }),
        pastedTokens: github.pastedTokens!,
      }),
    ).toThrow(/“github”: the descriptor’s tokenCheck needs pastedTokens.check, and only it/);
    expect(() =>
      defineProvider({
        descriptor: github.descriptor,
        adapter: null,
        rotation: github.rotation,
        pastedTokens: github.pastedTokens!,
      }),
    ).toThrow(/calls on pasted tokens need origins/);
    expect(() =>
      defineProvider({
        descriptor: github.descriptor,
        adapter: null,
        rotation: github.rotation,
        ...(github.origins === null ? {} : { origins: github.origins }),
        pastedTokens: {
          ...github.pastedTokens!,
          revoke: { ...github.pastedTokens!.revoke!, maxPerCall: 10 },
        },
      }),
    ).toThrow(/revokeByValue.maxPerCall must be the revoke call’s own limit/);
  });

  it('a registry refuses two providers with one id or one name', () => {
    expect(() => createRegistry([...SHIPPED_PROVIDERS, orbitly, orbitly])).toThrow(
      /Two provider modules have the id “orbitly”/,
    );
    const twin = describeProvider({ ...orbitlyDescriptor, id: 'orbitly-two' }, orbitlyRotation);
    const second = defineProvider(
      parts({ descriptor: twin, adapter: { ...orbitlyAdapter, descriptor: twin } }),
    );
    expect(() => createRegistry([orbitly, second])).toThrow(/Two provider modules are named “Orbitly”/);
  });

  it('main refuses an id outside the pattern and an id the registry does not know, with a clear message', async () => {
    const t = makeCore();
    const bad = await t.core.call('beginConnection', {
      provider: 'Robert); DROP TABLE connections;--',
      mode: 'tracked',
      label: 'x',
      baseUrl: null,
      fields: {},
    });
    expect(bad.ok ? null : bad.error.code).toBe('invalid_input');
    const unknown = await t.core.call('listTokens', { offset: 0, limit: 5, providers: ['nowhere-hub'] });
    expect(unknown).toEqual({
      ok: false,
      error: { code: 'invalid_input', message: 'Unknown provider “nowhere-hub”.', field: 'provider' },
    });
    await t.close();
  });

  it('links open only on the providers’ own hosts, over https', () => {
    const registry = createRegistry([...SHIPPED_PROVIDERS, orbitly]);
    for (const { descriptor } of registry.modules) {
      expect(isAllowedExternalUrl(descriptor.docsUrl, registry.linkHosts)).toBe(true);
      if (descriptor.adminUrl !== null)
        expect(isAllowedExternalUrl(descriptor.adminUrl, registry.linkHosts)).toBe(true);
    }
    expect(isAllowedExternalUrl('https://docs.orbitly.test/keys', createRegistry().linkHosts)).toBe(false);
    expect(isAllowedExternalUrl('http://docs.orbitly.test/keys', registry.linkHosts)).toBe(false);
    expect(isAllowedExternalUrl('https://evil.example/', registry.linkHosts)).toBe(false);
  });

  it('a web sign-in’s session cookie is a secret shape of its module, scrubbed once the core runs', async () => {
    const mirox = SHIPPED_PROVIDERS.find((m) => m.webSignIn !== null);
    const cookie = mirox?.webSignIn?.sessionCookie ?? '';
    expect(mirox?.secretShapes.some((shape) => shape.source.includes(cookie))).toBe(true);
    const t = makeCore();
    const value = 'Zq8vNw2Lr5Tx';
    expect(redactString(`sent ${cookie}=${value} along`)).toBe(`sent ${cookie} [redacted] along`);
    await t.close();
  });

  it('a data folder with a provider this build does not know still opens: listed as it was, refused with the reason when used', async () => {
    const dataDir = tempDir();
    // A newer build, with one more provider, used this folder.
    const newer = makeCore({
      dataDir,
      configure: (deps) => ({ ...deps, providers: [...SHIPPED_PROVIDERS, orbitly] }),
    });
    newer.core.context.repos.connections.insert(
      connection({ id: 'c_orb', provider: 'orbitly', label: 'Launchpad keys', mode: 'api', status: 'ok' }),
    );
    newer.core.context.repos.tokens.insert(token({ id: 't_orb', connectionId: 'c_orb', name: 'Deploy bot' }));
    await newer.close();

    const older = makeCore({ dataDir });
    const connections = await older.core.handlers.listConnections(undefined);
    expect(connections.map((c) => [c.provider, c.label, c.credential])).toEqual([
      ['orbitly', 'Launchpad keys', 'not_needed'],
    ]);
    const tokens = await older.core.handlers.listTokens({ offset: 0, limit: 10 });
    expect(tokens.rows.map((r) => r.name)).toEqual(['Deploy bot']);
    expect(await older.core.call('getToken', { tokenId: 't_orb' })).toEqual({
      ok: false,
      error: { code: 'invalid_input', message: 'Unknown provider “orbitly”.', field: 'provider' },
    });
    expect(await older.core.call('syncNow', {})).toEqual({ ok: true, value: { started: [] } });
    await older.close();
  });

  it('the sign-in window follows its module’s policy: the shipped ones, and one that signs in on an identity host', () => {
    expect(Object.keys(WEB_SIGN_IN)).toEqual(
      SHIPPED_PROVIDERS.filter((m) => m.webSignIn !== null).map((m) => m.descriptor.id),
    );
    const web = describeProvider(
      { ...orbitlyDescriptor, id: 'orbitly-web', name: 'Orbitly Web', session: 'web' },
      orbitlyRotation,
    );
    const module = defineProvider({
      descriptor: web,
      adapter: {
        ...orbitlyAdapter,
        descriptor: web,
        signIn: async () => ({ identity: null, passwordSession: null }),
      },
      rotation: orbitlyRotation,
      webSignIn: {
        signInPath: '/sso',
        sessionCookie: 'orb_sid',
        antiForgeryCookie: 'orb_xsrf',
        allowedOrigins: (base) => [base.origin, 'https://id.orbitly.test'],
      },
    });
    const spec = webSignInSpecs([module])['orbitly-web'];
    if (spec === undefined) throw new Error('no spec');
    expect(spec).toMatchObject({
      name: 'Orbitly Web',
      signInPath: '/sso',
      cookieName: 'orb_sid',
      xsrfCookieName: 'orb_xsrf',
    });
    const base = 'https://app.orbitly.test';
    expect(allowedNavigation('https://id.orbitly.test/login', base, spec)).toBe(true);
    expect(allowedNavigation('https://app.orbitly.test/keys', base, spec)).toBe(true);
    expect(allowedNavigation('https://evil.example/', base, spec)).toBe(false);
    // Without the policy's extra origin, the identity host is refused.
    expect(allowedNavigation('https://id.orbitly.test/login', base)).toBe(false);
    // Both cookies are secret shapes of the module.
    expect(module.secretShapes.map((shape) => shape.source)).toEqual([
      expect.stringContaining('orb_sid'),
      expect.stringContaining('orb_xsrf'),
    ]);
  });
});
