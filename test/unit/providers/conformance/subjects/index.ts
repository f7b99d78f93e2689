/**
 * Every provider the conformance suite runs. Adding a provider: its parameter object in this
 * folder, and one line here.
 */
import type { ApiSubject, TrackedSubject } from '../subject';
import { cloudflare } from './cloudflare';
import { datadog, datadogAppKeys } from './datadog';
import { github } from './github';
import { gitlab, gitlabProjects } from './gitlab';
import { mailtrap } from './mailtrap';
import { mirox } from './mirox';
import { npm } from './npm';
import { smenso } from './smenso';
import { smoxy } from './smoxy';
import { vercel } from './vercel';

/** Providers with a token API, judged against their simulators. */
export const API_SUBJECTS: readonly ApiSubject[] = [
  mailtrap,
  smoxy,
  mirox,
  gitlab,
  gitlabProjects,
  cloudflare,
  datadog,
  datadogAppKeys,
  vercel,
  npm,
];

/** Providers without one (tokens recorded by hand). */
export const TRACKED_SUBJECTS: readonly TrackedSubject[] = [github, smenso];
