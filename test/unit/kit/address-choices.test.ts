/**
 * A provider in several places (regions, sites) lists them as the descriptor's `addressChoices`:
 * its origins default to the choices' origins, and a module whose choices and origins disagree,
 * or whose default address is not a choice, fails when it is loaded.
 */
import { describe, expect, it } from 'vitest';
import { defineProvider } from '../../../src-main/core/providers/module';
import { datadog } from '../../../src-main/core/providers/datadog';

const parts = (choices: { label: string; baseUrl: string }[], defaultBaseUrl = 'https://api.one.example') => {
  const descriptor = {
    ...datadog.descriptor,
    defaultBaseUrl,
    addressChoices: { label: 'Region', help: 'Where the account is.', choices },
  };
  return {
    descriptor,
    adapter: { ...(datadog.adapter ?? ({} as never)), descriptor },
    rotation: datadog.rotation,
  };
};

const one = { label: 'One', baseUrl: 'https://api.one.example' };
const two = { label: 'Two', baseUrl: 'https://api.two.example' };

describe('address choices', () => {
  it('make the module’s fixed origins when it names none', () => {
    expect(defineProvider(parts([one, two])).origins).toEqual({
      fixed: ['https://api.one.example', 'https://api.two.example'],
    });
    const origins = datadog.origins;
    expect(origins !== null && 'fixed' in origins ? origins.fixed : []).toContain('https://api.datadoghq.eu');
  });

  it('must lie under the fixed origins the module names', () => {
    expect(() =>
      defineProvider({ ...parts([one, two]), origins: { fixed: ['https://api.one.example'] } }),
    ).toThrow('its address choice “Two” must be under one of its fixed origins');
  });

  it('must include the default address', () => {
    expect(() => defineProvider(parts([one, two], 'https://api.three.example'))).toThrow(
      /default address must be/,
    );
  });
});
