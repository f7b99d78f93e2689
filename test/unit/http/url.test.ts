/** Base URLs: https only (loopback may use http), no credentials or queries, path prefixes kept. */
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src-main/core/errors';
import { isLoopbackHost, joinUrl, normaliseBaseUrl, parseBaseUrl } from '../../../src-main/core/http/url';

function refusal(raw: string): AppError {
  try {
    parseBaseUrl(raw, 'Mailtrap');
  } catch (error) {
    if (error instanceof AppError) return error;
  }
  throw new Error(`expected ${raw} to be refused`);
}

describe('base URLs', () => {
  it('accepts https anywhere and http only on this computer', () => {
    expect(normaliseBaseUrl('https://mailtrap.io/', 'Mailtrap')).toBe('https://mailtrap.io');
    expect(normaliseBaseUrl(' https://gw.corp.example/mailtrap/ ', 'Mailtrap')).toBe(
      'https://gw.corp.example/mailtrap',
    );
    expect(normaliseBaseUrl('http://127.0.0.1:8080', 'Mailtrap')).toBe('http://127.0.0.1:8080');
    expect(normaliseBaseUrl('http://localhost:3000', 'Mailtrap')).toBe('http://localhost:3000');
    expect(normaliseBaseUrl('http://[::1]:3000', 'Mailtrap')).toBe('http://[::1]:3000');
  });

  it('refuses plain http to another host, with the reason', () => {
    const error = refusal('http://mailtrap.io');
    expect(error.code).toBe('invalid_input');
    expect(error.field).toBe('baseUrl');
    expect(error.message).toContain('only talks to providers over https');
    expect(refusal('http://127.0.0.1.evil.example').code).toBe('invalid_input');
  });

  it('refuses other schemes, credentials, queries and fragments (secrets never go in URLs)', () => {
    expect(refusal('ftp://mailtrap.io').message).toBe('The address must start with https://.');
    expect(refusal('https://user:pw@mailtrap.io').message).toContain(
      'must not contain a user name or password',
    );
    expect(refusal('https://mailtrap.io/?api_token=abc').message).toContain('must not contain a query');
    expect(refusal('https://mailtrap.io/#x').message).toContain('must not contain a query');
    expect(refusal('not a url').message).toContain('full URL');
  });

  it('knows loopback hosts', () => {
    for (const host of ['127.0.0.1', '127.1.2.3', 'localhost', '::1', '[::1]', 'LOCALHOST.'])
      expect(isLoopbackHost(host)).toBe(true);
    for (const host of ['128.0.0.1', 'localhost.example', '127.0.0.1.nip.io', '::2', '10.0.0.1'])
      expect(isLoopbackHost(host)).toBe(false);
  });

  it('joins endpoint paths under a path prefix', () => {
    const base = parseBaseUrl('https://gw.corp.example/mailtrap/', 'Mailtrap');
    expect(joinUrl(base, '/api/accounts').href).toBe('https://gw.corp.example/mailtrap/api/accounts');
    expect(joinUrl(base, '/api/api-tokens', { page: '2' }).href).toBe(
      'https://gw.corp.example/mailtrap/api/api-tokens?page=2',
    );
  });
});
