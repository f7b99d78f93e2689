/** Reading an answer's body within a size cap, enforced while streaming (http/client.ts). */
import { HttpError } from './errors';

/** Error bodies are read only this far (for a provider's short validation message). */
export const ERROR_BODY_BYTES = 64 * 1024;

type Body = AsyncIterable<Buffer> & { destroy(error?: Error): unknown };

export async function readCapped(
  body: Body,
  headers: Record<string, string | string[] | undefined>,
  maxBytes: number,
  onTooLarge: () => HttpError,
): Promise<string> {
  const declared = Number(headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) {
    body.destroy();
    throw onTooLarge();
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.length;
    if (size > maxBytes) {
      body.destroy();
      throw onTooLarge();
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** An error answer's body, if it is small JSON; anything else is ignored (only used for a message). */
export async function readErrorBody(
  body: Body,
  headers: Record<string, string | string[] | undefined>,
): Promise<unknown> {
  try {
    const text = await readCapped(
      body,
      headers,
      ERROR_BODY_BYTES,
      () => new HttpError('response_too_large', 'too large', { effect: 'none' }),
    );
    return JSON.parse(text) as unknown;
  } catch {
    body.destroy();
    return null;
  }
}
