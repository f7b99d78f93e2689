/**
 * The lint rules that hold the architecture: `electron` may be imported only in the shell and
 * the preload, and the renderer may import only types from the preload folder. Each case lints
 * a small piece of code as if it lived at the given path, with the project's own config.
 */
import path from 'node:path';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../../..');
// Type-aware rules need files on disk; the layer rules do not, so they are checked without them.
const eslint = new ESLint({ cwd: root, overrideConfig: [tseslint.configs.disableTypeChecked] });

async function ruleIds(code: string, file: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return (result?.messages ?? []).map((m) => m.ruleId ?? 'parse-error');
}

describe('layer rules', () => {
  it('fail on an electron import in the core', async () => {
    expect(
      await ruleIds(`import { app } from 'electron';\nexport const v = app;\n`, 'src-main/core/bad.ts'),
    ).toContain('no-restricted-imports');
    expect(
      await ruleIds(
        `import { ipcMain } from 'electron/main';\nexport const v = ipcMain;\n`,
        'src-main/core/services/bad.ts',
      ),
    ).toContain('no-restricted-imports');
  });

  it('fail on an electron import in tests and scripts of the core', async () => {
    expect(
      await ruleIds(`import { app } from 'electron';\nexport const v = app;\n`, 'test/host/bad.ts'),
    ).toContain('no-restricted-imports');
  });

  it('allow electron in the shell and the preload', async () => {
    expect(
      await ruleIds(`import { app } from 'electron';\nexport const v = app;\n`, 'src-main/shell/ok.ts'),
    ).toEqual([]);
    expect(
      await ruleIds(
        `import { ipcRenderer } from 'electron';\nexport const v = ipcRenderer;\n`,
        'src-preload/ok.ts',
      ),
    ).toEqual([]);
  });

  it('fail on electron, main-process code or a contract value in the renderer; allow contract types', async () => {
    const renderer = 'src-renderer/src/bad.ts';
    expect(
      await ruleIds(`import { ipcRenderer } from 'electron';\nexport const v = ipcRenderer;\n`, renderer),
    ).toContain('@typescript-eslint/no-restricted-imports');
    expect(
      await ruleIds(
        `import { channels } from '../../src-preload/contract';\nexport const v = channels;\n`,
        renderer,
      ),
    ).toContain('@typescript-eslint/no-restricted-imports');
    expect(
      await ruleIds(
        `import { createCore } from '../../src-main/core/core';\nexport const v = createCore;\n`,
        renderer,
      ),
    ).toContain('@typescript-eslint/no-restricted-imports');
    expect(
      await ruleIds(
        `import type { TokenRow } from '../../src-preload/contract';\nexport type V = TokenRow;\n`,
        renderer,
      ),
    ).toEqual([]);
  });
});
