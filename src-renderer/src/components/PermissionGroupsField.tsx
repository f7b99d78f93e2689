/**
 * Several permission groups for one new token (the create form's `multiplePermissionGroups`, e.g.
 * a token's scopes): one checkbox each, from the provider's capabilities.
 */
import { useId } from 'react';

export function PermissionGroupsField({
  groups,
  value,
  onChange,
  error,
}: {
  groups: string[];
  value: string[];
  onChange: (next: string[]) => void;
  error?: string;
}) {
  const id = useId();
  return (
    <fieldset
      className={`field${error ? ' field-invalid' : ''}`}
      aria-describedby={`${id}-help${error ? ` ${id}-error` : ''}`}
    >
      <legend className="field-label">Scopes</legend>
      <div className="group-grid">
        {groups.map((group) => (
          <label key={group} className="check">
            <input
              type="checkbox"
              checked={value.includes(group)}
              aria-invalid={error ? true : undefined}
              onChange={() =>
                onChange(value.includes(group) ? value.filter((g) => g !== group) : [...value, group])
              }
            />
            {group}
          </label>
        ))}
      </div>
      <p id={`${id}-help`} className="field-help">
        Choose only what the integration needs; each scope widens what a leaked copy can do.
      </p>
      {error ? (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
