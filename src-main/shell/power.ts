/**
 * Forwards "the machine woke up" to the reminder scheduler. Timers may stand still during sleep,
 * so a reminder due while the lid was closed would otherwise wait for the next periodic check.
 */
export interface PowerSource {
  on(event: 'resume', listener: () => void): unknown;
  on(event: 'unlock-screen', listener: () => void): unknown;
}

export function forwardWakeEvents(power: PowerSource, replanNow: () => void): void {
  power.on('resume', () => replanNow());
  power.on('unlock-screen', () => replanNow());
}
