/**
 * The core's notion of "now". The core may run on a different clock than the window (the test
 * host uses a manual clock; a laptop's clock may have been changed), and every badge it computes
 * uses its own time. Relative dates in the window use the same time, learned from
 * `TokenPage.generatedAt`, so "expires in 3 days" always agrees with the "Expires within 7 days"
 * badge next to it.
 */
let offsetMs = 0;

export function learnCoreTime(coreNow: number): void {
  offsetMs = coreNow - Date.now();
}

export function coreNow(): number {
  return Date.now() + offsetMs;
}
