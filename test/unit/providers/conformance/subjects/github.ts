/**
 * GitHub in the conformance suite: no API for a user's own tokens, so it runs as a tracked
 * provider (every remote operation refused clearly). Its calls on a pasted token are judged in
 * test/unit/providers/github.test.ts and by Octokit in contract/github-octokit.test.ts.
 */
import type { TrackedSubject } from '../subject';

export const github: TrackedSubject = { provider: 'github' };
