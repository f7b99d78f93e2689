/** A provider's name with a small coloured monogram (the name is always written out). */
import type { ProviderId } from '../types';
import { PROVIDER_NAMES } from '../lib/providers';

export function ProviderMark({ provider, withName = true }: { provider: ProviderId; withName?: boolean }) {
  return (
    <span className="provider-mark">
      <span className={`provider-dot provider-${provider}`} aria-hidden="true">
        {PROVIDER_NAMES[provider].charAt(0).toUpperCase()}
      </span>
      {withName && <span className="provider-name">{PROVIDER_NAMES[provider]}</span>}
    </span>
  );
}
