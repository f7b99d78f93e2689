/**
 * A provider's name with a small monogram in its brand colour (the name is always written out).
 * The colour comes from the provider's descriptor as a CSS custom property: React sets it through
 * the CSSOM, which the CSP allows (it forbids only inline style attributes in HTML).
 */
import { memo, type CSSProperties } from 'react';
import type { ProviderId } from '../types';
import { useProvider } from '../lib/providers';

/** Memoized: list rows reused for other tokens after a key mostly keep their provider. */
export const ProviderMark = memo(function ProviderMark({
  provider,
  withName = true,
}: {
  provider: ProviderId;
  withName?: boolean;
}) {
  const descriptor = useProvider(provider);
  const name = descriptor?.name ?? provider;
  const colour =
    descriptor === undefined ? undefined : ({ '--provider-colour': descriptor.colour } as CSSProperties);
  return (
    <span className="provider-mark">
      <span className="provider-dot" style={colour} aria-hidden="true">
        {name.charAt(0).toUpperCase()}
      </span>
      {withName && <span className="provider-name">{name}</span>}
    </span>
  );
});
