/**
 * A module's `origins`: what `defineProvider` accepts, and which addresses `checkAddressOrigin`
 * lets a credential go to (fixed origins, the user's own host for self-hosted providers, loopback
 * only with the developer setting, never plain http elsewhere).
 */
import { describe, expect, it } from 'vitest';
import { defineProvider, describeProvider } from '../../../src-main/core/providers/module';
import { checkAddressOrigin, type OriginPolicy } from '../../../src-main/core/providers/origins';
import { SHIPPED_PROVIDERS } from '../../../src-main/core/providers/registry';
import { orbitlyAdapter } from '../../fixtures/providers/orbitly/adapter';
import { orbitlyDescriptor, orbitlyRotation } from '../../fixtures/providers/orbitly/descriptor';

const orbitlyWith = (
  origins: OriginPolicy | undefined,
  defaultBaseUrl = orbitlyDescriptor.defaultBaseUrl,
) => {
  const descriptor = describeProvider({ ...orbitlyDescriptor, defaultBaseUrl }, orbitlyRotation);
  return defineProvider({
    descriptor,
    adapter: { ...orbitlyAdapter, descriptor },
    rotation: orbitlyRotation,
    ...(origins === undefined ? {} : { origins }),
  });
};

const check = (address: string, policy: OriginPolicy, allowLoopbackAddresses = false) => {
  try {
    return checkAddressOrigin(new URL(address), policy, 'Orbitly', { allowLoopbackAddresses });
  } catch (error) {
    return `refused: ${(error as Error).message}`;
  }
};

describe('a module’s origins', () => {
  it('every shipped provider with an API declares where its credential may go; one tracked by hand does not', () => {
    const declared = Object.fromEntries(SHIPPED_PROVIDERS.map((m) => [m.descriptor.id, m.origins]));
    // toMatchObject: providers added later declare their own.
    expect(declared).toMatchObject({
      mailtrap: { fixed: ['https://mailtrap.io'] },
      mirox: { fixed: ['https://service.mirox.io'] },
      smenso: null,
      smoxy: { fixed: ['https://api.smoxy.eu'] },
    });
  });

  it('defaults to the default address’s origin, and refuses a list that is not bare https origins', () => {
    expect(orbitlyWith(undefined).origins).toEqual({ fixed: ['https://api.orbitly.test'] });
    expect(() => orbitlyWith({ fixed: [] })).toThrow(/needs at least one origin/);
    expect(() => orbitlyWith({ fixed: ['http://api.orbitly.test'] })).toThrow(/must be a bare https origin/);
    expect(() => orbitlyWith({ fixed: ['https://api.orbitly.test/v1'] })).toThrow(
      /must be a bare https origin/,
    );
    expect(() => orbitlyWith({ fixed: ['https://eu.orbitly.test'] })).toThrow(
      /default address must be under one of its fixed origins/,
    );
    expect(() => orbitlyWith(undefined, null)).toThrow(/needs origins \(fixed, or userChosen\)/);
    expect(orbitlyWith({ userChosen: true }, null).origins).toEqual({ userChosen: true });
  });
});

describe('which address a credential may go to', () => {
  const fixed: OriginPolicy = { fixed: ['https://api.orbitly.test', 'https://eu.orbitly.test'] };
  const selfHosted: OriginPolicy = {
    userChosen: true,
    check: (url) =>
      url.hostname.endsWith('.internal') ? null : 'Enter your Orbitly server (it ends in .internal).',
  };

  it('fixed: only the listed origins, whatever the path', () => {
    expect(check('https://eu.orbitly.test/api', fixed)).toBe('https://eu.orbitly.test');
    expect(check('https://api.orbitly.test:8443', fixed)).toMatch(
      /^refused: Orbitly is only at https:\/\/api/,
    );
    expect(check('https://evil.example', fixed)).toBe(
      'refused: Orbitly is only at https://api.orbitly.test or https://eu.orbitly.test. Tokenkeeper sends your Orbitly credential nowhere else, so evil.example is refused.',
    );
  });

  it('user-chosen: the user’s host over https, as the module’s rule allows', () => {
    expect(check('https://git.acme.internal:8443/gitlab', selfHosted)).toBe('https://git.acme.internal:8443');
    expect(check('https://git.acme.com', selfHosted)).toBe(
      'refused: Enter your Orbitly server (it ends in .internal).',
    );
    expect(check('http://git.acme.internal', selfHosted)).toMatch(
      /^refused: Tokenkeeper sends credentials over https only/,
    );
  });

  it('loopback: only with the developer setting, http or https, for either kind', () => {
    for (const policy of [fixed, selfHosted]) {
      for (const address of ['http://127.0.0.1:4010', 'https://localhost:8443', 'http://[::1]:9000']) {
        expect(check(address, policy)).toMatch(/the developer setting that allows loopback addresses is off/);
        expect(check(address, policy, true)).toBe(new URL(address).origin);
      }
    }
  });
});
