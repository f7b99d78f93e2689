/**
 * The providers one core speaks to, by id. The shipped ones are listed in shipped.ts (one line
 * each); `createCore` takes another list (`CoreDeps.providers`), so a test can add a provider
 * without touching any file of the app.
 */
import type { ProviderDescriptor } from '../../../src-preload/contract';
import { invalidInput } from '../errors';
import type { ProviderModule } from './module';
import * as shipped from './shipped';

export interface ProviderRegistry {
  readonly modules: readonly ProviderModule[];
  /** The module for a provider id; `invalid_input` "Unknown provider" when none is registered. */
  get(id: string): ProviderModule;
  has(id: string): boolean;
  descriptor(id: string): ProviderDescriptor;
  /** The provider's name, or the id itself when it is not registered (for wording only). */
  nameOf(id: string): string;
  /** Providers whose API reports when a token was last used. */
  readonly reportingLastUse: readonly string[];
  /** Every host "open in browser" may open: the providers' consoles and documentation. */
  readonly linkHosts: ReadonlySet<string>;
  /** Every provider's secret shapes, for the redactor. */
  readonly secretShapes: readonly RegExp[];
}

/** The shipped providers. */
export const SHIPPED_PROVIDERS: readonly ProviderModule[] = Object.values(shipped);

/** Providers are listed by name, whatever order they were registered in. */
const byName = (a: ProviderModule, b: ProviderModule) =>
  a.descriptor.name.localeCompare(b.descriptor.name, 'en', { sensitivity: 'base' });

export function createRegistry(modules: readonly ProviderModule[] = SHIPPED_PROVIDERS): ProviderRegistry {
  const byId = new Map<string, ProviderModule>();
  const names = new Set<string>();
  for (const module of modules) {
    const { id, name } = module.descriptor;
    if (byId.has(id)) throw new Error(`Two provider modules have the id “${id}”.`);
    if (names.has(name.toLowerCase())) throw new Error(`Two provider modules are named “${name}”.`);
    byId.set(id, module);
    names.add(name.toLowerCase());
  }
  const get = (id: string): ProviderModule => {
    const module = byId.get(id);
    if (module === undefined) throw invalidInput(`Unknown provider “${id.slice(0, 40)}”.`, 'provider');
    return module;
  };
  const linkHosts = new Set<string>();
  for (const { descriptor, linkHosts: extra } of modules) {
    for (const url of [descriptor.adminUrl, descriptor.docsUrl, descriptor.defaultBaseUrl])
      if (url !== null) linkHosts.add(new URL(url).hostname);
    for (const host of extra) linkHosts.add(host);
  }
  return {
    modules: [...modules].sort(byName),
    get,
    has: (id) => byId.has(id),
    descriptor: (id) => get(id).descriptor,
    nameOf: (id) => byId.get(id)?.descriptor.name ?? id,
    reportingLastUse: modules.filter((m) => m.descriptor.reportsLastUse).map((m) => m.descriptor.id),
    linkHosts,
    secretShapes: modules.flatMap((m) => m.secretShapes),
  };
}
