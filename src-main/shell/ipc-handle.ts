/**
 * The one `handle()` every IPC call goes through: the sender frame must be the app's own top
 * frame (loaded from app://tokenkeeper, or the dev server in development), then the payload is
 * validated against the contract and the core handler runs. Returns a Result; never throws.
 * Only `type` imports from electron, so this is unit-tested with fake events.
 */
import type { IpcMainInvokeEvent } from 'electron';
import type { Result } from '../../src-preload/contract';
import type { Core } from '../core/core';
import { isTrustedSenderUrl } from '../core/ipc/sender';

export type InvokeEventLike = {
  senderFrame: Pick<NonNullable<IpcMainInvokeEvent['senderFrame']>, 'url' | 'parent'> | null;
};

export async function handle(
  core: Pick<Core, 'call'> & { context: { log: Core['context']['log'] } },
  channel: string,
  event: InvokeEventLike,
  payload: unknown,
  devServerUrl: string | null,
): Promise<Result<unknown>> {
  const frame = event.senderFrame;
  if (frame === null || frame.parent !== null || !isTrustedSenderUrl(frame.url, devServerUrl)) {
    core.context.log.warn('refused IPC from an untrusted frame', { channel });
    return {
      ok: false,
      error: {
        code: 'untrusted_sender',
        message: 'This request did not come from Tokenkeeper’s own window and was refused.',
      },
    };
  }
  return core.call(channel, payload);
}
