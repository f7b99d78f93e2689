import { AppError } from '../errors';

/** A channel whose feature has not landed yet answers with a clear, typed refusal. */
export function notYet(what: string): () => never {
  return () => {
    throw new AppError('not_supported', `${what} is not available in this version of Tokenkeeper yet.`);
  };
}
