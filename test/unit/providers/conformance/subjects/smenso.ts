/** smenso in the conformance suite: no token API, so every remote operation must be refused clearly. */
import type { TrackedSubject } from '../subject';

export const smenso: TrackedSubject = { provider: 'smenso' };
