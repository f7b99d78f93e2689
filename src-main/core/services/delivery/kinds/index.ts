/**
 * The delivery target kinds Tokenkeeper knows, in the order the "Add target" menu lists them.
 * A new kind is one module in this folder and one line here.
 */
import type { DeliveryTargetKind } from '../target-kind';
import { commandTargetKind } from './command';
import { fileTargetKind } from './file';
import { githubActionsKind } from './github-actions';
import { gitlabVariableKind } from './gitlab-variable';
import { onePasswordKind } from './onepassword';

export const DELIVERY_TARGET_KINDS: readonly DeliveryTargetKind[] = [
  fileTargetKind,
  commandTargetKind,
  githubActionsKind,
  gitlabVariableKind,
  onePasswordKind,
];

export function deliveryKind(
  kinds: readonly DeliveryTargetKind[],
  id: string,
): DeliveryTargetKind | undefined {
  return kinds.find((k) => k.id === id);
}
