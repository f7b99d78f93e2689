/**
 * electron-builder's own configuration loader and schema check (its internals), so the build
 * tests judge electron-builder.config.ts by electron-builder's rules rather than a copy of them.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Configuration } from 'electron-builder';

const require = createRequire(import.meta.url);

export const PROJECT_ROOT = path.resolve(import.meta.dirname, '../../..');

export const builderConfig = require('app-builder-lib/out/util/config/config') as {
  getConfig(projectDir: string, configPath: string, configFromOptions: null): Promise<Configuration>;
  validateConfiguration(
    config: Configuration,
    debugLogger: { isEnabled: boolean; add(): void },
  ): Promise<void>;
};

/** The project's configuration, loaded as `electron-builder --config electron-builder.config.ts` would. */
export function loadBuilderConfig(): Promise<Configuration> {
  return builderConfig.getConfig(PROJECT_ROOT, 'electron-builder.config.ts', null);
}
