/**
 * What the remote delivery kinds' tests share: a real HTTP layer (short timeouts, a memory log
 * to scan for canaries), a delivery context pointed at a simulator, and a helper that catches
 * the AppError a failing delivery throws.
 */
import { DEFAULT_HTTP_SETTINGS, HttpClient } from '../../../../src-main/core/http/client';
import { AppError } from '../../../../src-main/core/errors';
import { createMemoryLogger } from '../../../../src-main/core/log/logger';
import type { DeliveryContext } from '../../../../src-main/core/services/delivery/target-kind';
import { ManualClock } from '../../../host/clock';

export interface RemoteHarness {
  http: HttpClient;
  logLines: string[];
  context(baseUrl: string, credential: string, credentialOrigin?: string): DeliveryContext;
}

export function remoteHarness(): RemoteHarness {
  const logger = createMemoryLogger();
  const http = new HttpClient({
    log: logger,
    settings: {
      ...DEFAULT_HTTP_SETTINGS,
      connectTimeoutMs: 1000,
      totalTimeoutMs: 500,
      baseDelayMs: 5,
      maxDelayMs: 10,
      maxRetryAfterWaitMs: 0,
    },
    env: {},
    caPath: () => null,
    time: { now: () => Date.now(), sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)) },
    random: () => 0.5,
    userAgent: 'Tokenkeeper/test',
  });
  const clock = new ManualClock();
  return {
    http,
    logLines: logger.lines,
    context: (baseUrl, credential, credentialOrigin) => ({
      clock,
      http,
      baseUrl,
      credential,
      ...(credentialOrigin === undefined ? {} : { credentialOrigin }),
    }),
  };
}

export async function failureOf(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected the delivery to fail');
}
