/** Handlers: importing tracked tokens from CSV or JSON, and restoring an export (services/import/). */
import type { CoreContext } from '../context';
import type { Handlers } from '../ipc/dispatch';
import { TokenImport } from '../services/import/token-import';

export function importHandlers(ctx: CoreContext): Pick<Handlers, 'chooseImportFile' | 'commitImport'> {
  const imports = new TokenImport(ctx);
  return {
    chooseImportFile() {
      return imports.choose();
    },
    commitImport({ importId, connectionId, mapping }) {
      return imports.commit(importId, connectionId, mapping);
    },
  };
}
