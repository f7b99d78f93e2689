/**
 * The lint rules that hold the architecture: `electron` may be imported only in the shell and
 * the preload, the renderer may import only types from the preload folder, and inside the core no
 * import goes up a layer. Each case lints a small piece of code as if it lived at the given path,
 * with the project's own config.
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

/**
 * The core's layers, top to bottom, as docs/architecture.md states them. Each has a file that
 * could import (a path that need not exist) and a real module others could import from it.
 */
const CORE_LAYERS: { layer: string; from: string; module: string }[] = [
  { layer: 'root', from: 'src-main/core/core.ts', module: 'src-main/core/core' },
  { layer: 'handlers', from: 'src-main/core/handlers/new.ts', module: 'src-main/core/handlers/tokens' },
  { layer: 'ipc', from: 'src-main/core/ipc/new.ts', module: 'src-main/core/ipc/dispatch' },
  { layer: 'services', from: 'src-main/core/services/new.ts', module: 'src-main/core/services/sync' },
  {
    layer: 'domain',
    // One folder deeper, as provider modules are (providers/<id>/): resolved, not matched by name.
    from: 'src-main/core/providers/example/adapter.ts',
    module: 'src-main/core/providers/registry',
  },
  { layer: 'db', from: 'src-main/core/db/repositories/new.ts', module: 'src-main/core/db/database' },
  { layer: 'http', from: 'src-main/core/http/new.ts', module: 'src-main/core/http/client' },
  { layer: 'log', from: 'src-main/core/log/new.ts', module: 'src-main/core/log/logger' },
  { layer: 'base', from: 'src-main/core/ids.ts', module: 'src-main/core/errors' },
];

function importFrom(from: string, module: string, kind: 'value' | 'type' = 'value'): string {
  let specifier = path.relative(path.dirname(from), module);
  if (!specifier.startsWith('.')) specifier = `./${specifier}`;
  return kind === 'type'
    ? `import type * as M from '${specifier}';\nexport type V = typeof M;\n`
    : `import * as m from '${specifier}';\nexport const v = m;\n`;
}

const below = (index: number) => CORE_LAYERS.slice(index);
const above = (index: number) => CORE_LAYERS.slice(0, index);

describe('core layer rule', () => {
  for (const [index, source] of CORE_LAYERS.entries()) {
    if (index > 0) {
      it(`fails on an import from ${source.layer} up into ${above(index)
        .map((l) => l.layer)
        .join(', ')}`, async () => {
        for (const target of above(index)) {
          expect(await ruleIds(importFrom(source.from, target.module), source.from), target.layer).toContain(
            'boundaries/dependencies',
          );
        }
      });
    }
    it(`allows ${source.layer} to import its own layer and ${below(index + 1).length} below`, async () => {
      for (const target of below(index)) {
        expect(await ruleIds(importFrom(source.from, target.module), source.from), target.layer).toEqual([]);
      }
    });
  }

  it('fails on an upward type import too (a service taking the handlers table type)', async () => {
    const from = 'src-main/core/services/new.ts';
    expect(await ruleIds(importFrom(from, 'src-main/core/ipc/dispatch', 'type'), from)).toContain(
      'boundaries/dependencies',
    );
    expect(await ruleIds(importFrom(from, 'src-main/core/handlers/tokens', 'type'), from)).toContain(
      'boundaries/dependencies',
    );
  });

  it('says which layers an upward import crossed', async () => {
    const from = 'src-main/core/services/new.ts';
    const [result] = await eslint.lintText(importFrom(from, 'src-main/core/handlers/tokens'), {
      filePath: path.join(root, from),
    });
    expect(result?.messages[0]?.message).toContain('(services → handlers)');
  });

  it('lets every layer import the contract', async () => {
    for (const source of CORE_LAYERS) {
      expect(
        await ruleIds(importFrom(source.from, 'src-preload/contract'), source.from),
        source.layer,
      ).toEqual([]);
    }
  });

  it('places context, notices, reminders and settings with the services, below the handlers', async () => {
    for (const module of [
      'src-main/core/context',
      'src-main/core/notices',
      'src-main/core/reminders/scheduler',
      'src-main/core/settings/settings-service',
    ]) {
      const fromHandler = 'src-main/core/handlers/new.ts';
      expect(await ruleIds(importFrom(fromHandler, module), fromHandler), module).toEqual([]);
      const fromProvider = 'src-main/core/providers/new.ts';
      expect(await ruleIds(importFrom(fromProvider, module), fromProvider), module).toContain(
        'boundaries/dependencies',
      );
    }
  });

  it('fails on a new file directly in src-main/core that no layer claims', async () => {
    expect(await ruleIds(`export const v = 1;\n`, 'src-main/core/unplaced.ts')).toContain(
      'boundaries/no-unknown-files',
    );
  });
});
