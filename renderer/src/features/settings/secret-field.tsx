/**
 * A write-only secret: always empty at first, with "saved" or "not set" beside
 * it. Typing replaces the stored value on save; "Clear" deletes it.
 */
import { useId } from 'react';

export interface SecretFieldProps {
  readonly label: string;
  readonly value: string;
  /** Whether the core holds a value (it never sends the value itself). */
  readonly saved: boolean;
  readonly onChange: (value: string) => void;
  readonly onClear: () => void;
  readonly error?: string | undefined;
}

export function SecretField({ label, value, saved, onChange, onClear, error }: SecretFieldProps) {
  const id = useId();
  const describedBy = [`${id}-state`, error ? `${id}-error` : null].filter(Boolean).join(' ');
  return (
    <div className="field">
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      <div className="field__row">
        <input
          id={id}
          className="field__input"
          type="password"
          value={value}
          onChange={(event) => onChange(event.target.value)}
          placeholder={saved ? 'Type a new one to replace it' : ''}
          // Keeps the browser from filling in a saved login password here.
          autoComplete="new-password"
          spellCheck={false}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
        />
        <button type="button" className="button" onClick={onClear} disabled={!saved && value === ''}>
          Clear
        </button>
      </div>
      <p className="field__hint">
        <span id={`${id}-state`} className="secret-state" data-state={saved ? 'saved' : 'not-set'}>
          {saved ? 'saved' : 'not set'}
        </span>
      </p>
      {error ? (
        <p id={`${id}-error`} className="field__error">
          {error}
        </p>
      ) : null}
    </div>
  );
}
