/**
 * Handlers: the remote operations on tokens (create, rotate, revoke), journaled in `operations`
 * before each remote call and reconciled after an ambiguous failure.
 */
import type { CoreContext } from '../context';
import type { Handlers } from '../ipc/dispatch';
import { notYet } from './not-yet';

export function tokenOperationHandlers(
  _ctx: CoreContext,
): Pick<Handlers, 'createToken' | 'startRotation' | 'recordManualRotation' | 'finishRotation' | 'abandonRotation' | 'revokeToken'> {
  return {
    createToken: notYet('Creating a token'),
    startRotation: notYet('Rotating a token'),
    recordManualRotation: notYet('Recording a manual rotation'),
    finishRotation: notYet('Finishing a rotation'),
    abandonRotation: notYet('Abandoning a rotation'),
    revokeToken: notYet('Revoking a token'),
  };
}
