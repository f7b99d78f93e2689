/** Rotation wording every provider shares: the guided steps of a rotation done by hand. */

export function manualRotationSteps(providerName: string): string[] {
  return [
    `Create a new token in the ${providerName} console with the same access.`,
    'Record the new token here (name, created, expiry) so Tokenkeeper can remind you.',
    'Update every integration that used the old token.',
    `Delete the old token in the ${providerName} console, then confirm here to retire it.`,
  ];
}
