/**
 * The services a delivery connection can be for, and what differs between them: the public
 * address, how a self-hosted address is completed, how the token is sent, and the call that
 * verifies it (`GET /user`, which both answer with who the token belongs to). The remote kinds
 * beside this file use the same facts; the delivery connections service knows only this list.
 */
import { z } from 'zod';
import { isLoopbackHost } from '../../../http/url';

export interface DeliveryConnectionService {
  kind: string;
  name: string;
  defaultBaseUrl: string;
  baseUrlHelp: string;
  tokenHelp: string;
  /** The address to keep for what the user entered (already checked: https, no credentials). */
  address(url: URL): string;
  userPath: string;
  headers(token: string): Record<string, string>;
  account: z.ZodType<string>;
}

/** The shapes of the tokens delivery connections hold, scrubbed from any log line or message. */
export const DELIVERY_CONNECTION_SECRET_SHAPES: readonly RegExp[] = [
  /\bgithub_pat_[A-Za-z0-9_]{20,}/g,
  /\bgh[pousr]_[A-Za-z0-9]{20,}/g,
  /\bglpat-[A-Za-z0-9_.-]{20,}/g,
];

const plain = (url: URL) => `${url.origin}${url.pathname}`.replace(/\/+$/, '');

export const GITHUB_HEADERS = (token: string): Record<string, string> => ({
  authorization: `Bearer ${token}`,
  accept: 'application/vnd.github+json',
  'x-github-api-version': '2022-11-28',
});

export const GITLAB_HEADERS = (token: string): Record<string, string> => ({ 'private-token': token });

export const DELIVERY_CONNECTION_SERVICES: readonly DeliveryConnectionService[] = [
  {
    kind: 'github',
    name: 'GitHub',
    defaultBaseUrl: 'https://api.github.com',
    baseUrlHelp: 'Leave empty for github.com. GitHub Enterprise Server: https://your-host/api/v3.',
    tokenHelp:
      'A fine-grained personal access token with the Secrets permission (read and write) on the repositories, environments or organizations it delivers to.',
    address(url) {
      if (url.hostname === 'github.com' || url.hostname === 'api.github.com') return 'https://api.github.com';
      // GitHub Enterprise Server serves its REST API under /api/v3.
      if (url.pathname === '' && !isLoopbackHost(url.hostname)) url.pathname = '/api/v3';
      return plain(url);
    },
    userPath: '/user',
    headers: GITHUB_HEADERS,
    account: z.object({ login: z.string().max(200) }).transform((u) => u.login),
  },
  {
    kind: 'gitlab',
    name: 'GitLab',
    defaultBaseUrl: 'https://gitlab.com',
    baseUrlHelp:
      'Leave empty for gitlab.com; otherwise your GitLab’s address, such as https://gitlab.example.com.',
    tokenHelp:
      'A personal, project or group access token with the api scope, of a Maintainer of the projects or groups it delivers to.',
    address(url) {
      url.pathname = url.pathname.replace(/\/api\/v4\/?$/, '');
      return plain(url);
    },
    userPath: '/api/v4/user',
    headers: GITLAB_HEADERS,
    account: z.object({ username: z.string().max(200) }).transform((u) => u.username),
  },
];
