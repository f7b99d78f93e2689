/**
 * Validates and runs one contract call. Shared by the Electron shell (`ipcMain.handle`) and the
 * test host (WebSocket), so both check payloads the same way. Returns a Result; never throws,
 * never returns a stack trace or the text of an unexpected exception.
 */
import type { z } from 'zod';
import {
  channels,
  type ApiError,
  type ChannelName,
  type ChannelOutput,
  type ChannelParsedInput,
  type Result,
} from '../../../src-preload/contract';
import { toApiError } from '../errors';
import type { Logger } from '../log/logger';

export type Handlers = {
  [K in ChannelName]: (input: ChannelParsedInput<K>) => Promise<ChannelOutput<K>> | ChannelOutput<K>;
};

export function isChannelName(name: unknown): name is ChannelName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(channels, name);
}

/** A short, secret-free description of what was wrong with a payload. */
export function describeIssues(error: z.ZodError): ApiError {
  const issue = error.issues[0];
  const where = issue && issue.path.length > 0 ? issue.path.map(String).join('.') : null;
  const message =
    issue === undefined
      ? 'The request was not valid.'
      : issue.code === 'unrecognized_keys'
        ? `The request has fields that are not allowed${where ? ` in ${where}` : ''}.`
        : issue.code === 'invalid_type'
          ? `The request is missing or has the wrong kind of value${where ? ` for ${where}` : ''}.`
          : `${issue.message.endsWith('.') ? issue.message : `${issue.message}.`}${where ? ` (${where})` : ''}`;
  return where === null
    ? { code: 'invalid_input', message }
    : { code: 'invalid_input', message, field: where };
}

export async function dispatch(
  handlers: Handlers,
  channel: unknown,
  payload: unknown,
  log: Logger,
): Promise<Result<unknown>> {
  if (!isChannelName(channel)) {
    return {
      ok: false,
      error: { code: 'unknown_channel', message: 'That request is not part of Tokenkeeper.' },
    };
  }
  const schema = channels[channel];
  const parsed = schema.input.safeParse(payload);
  if (!parsed.success) {
    log.warn('rejected malformed payload', { channel, issue: parsed.error.issues[0]?.code });
    return { ok: false, error: describeIssues(parsed.error) };
  }
  try {
    const handler = handlers[channel] as (input: unknown) => unknown;
    const value = await handler(parsed.data);
    const checked = schema.output.safeParse(value);
    if (!checked.success) {
      log.error('handler returned a value outside the contract', {
        channel,
        issue: checked.error.issues[0]?.path,
      });
      return { ok: false, error: toApiError(new Error('contract output mismatch')) };
    }
    return { ok: true, value: checked.data };
  } catch (error) {
    const apiError = toApiError(error);
    if (apiError.code === 'internal') log.error('handler failed', { channel, error });
    else log.info('handler refused', { channel, code: apiError.code });
    return { ok: false, error: apiError };
  }
}
