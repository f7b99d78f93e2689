/** Handlers: the token list, token detail, tracked tokens and snoozing (services/tokens.ts). */
import type { CoreContext } from '../context';
import type { Handlers } from '../ipc/dispatch';
import { AnnotationsService } from '../services/annotations';
import { liveNames, planRotation } from '../services/rotation-plan';
import type { TokensService } from '../services/tokens';
import { tokenIndexQueries } from '../tokens/index-rows';

export function tokenHandlers(
  ctx: CoreContext,
  tokens: TokensService,
): Pick<
  Handlers,
  | 'listTokens'
  | 'listTokenIndex'
  | 'getToken'
  | 'addTrackedToken'
  | 'updateTrackedToken'
  | 'snoozeToken'
  | 'planRotation'
  | 'getAnnotation'
  | 'setAnnotation'
> {
  const annotations = new AnnotationsService(ctx);
  const index = tokenIndexQueries(ctx.db, ctx.providers.reportingLastUse);
  return {
    listTokens(query) {
      // An unknown provider in the filter is refused, not silently matched against nothing.
      for (const provider of query.providers ?? []) ctx.providers.get(provider);
      return ctx.queries.list(query, ctx.now());
    },
    listTokenIndex(query) {
      return index.page(query, ctx.now());
    },
    getToken({ tokenId }) {
      return tokens.detail(tokenId);
    },
    addTrackedToken(input) {
      return tokens.addTracked(input);
    },
    updateTrackedToken({ tokenId, ...input }) {
      return tokens.updateTracked(tokenId, input);
    },
    snoozeToken({ tokenId, until }) {
      return tokens.snooze(tokenId, until);
    },
    getAnnotation({ tokenId }) {
      tokens.require(tokenId);
      return annotations.get(tokenId);
    },
    setAnnotation({ tokenId, annotation }) {
      const { connection } = tokens.require(tokenId);
      return annotations.set(tokenId, connection.id, annotation);
    },
    planRotation({ tokenId }) {
      const { token, connection } = tokens.require(tokenId);
      return planRotation(
        token,
        connection,
        ctx.providers,
        ctx.now(),
        liveNames(ctx.repos.tokens.listByConnection(connection.id)),
      );
    },
  };
}
