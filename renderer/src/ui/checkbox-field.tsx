/**
 * A checkbox with its label on the same line (the whole line is clickable),
 * and an optional hint under it.
 */
import { useId, type ReactNode } from 'react';
import './field.css';

export interface CheckboxFieldProps {
  readonly label: string;
  readonly checked: boolean;
  readonly onChange: (checked: boolean) => void;
  readonly hint?: ReactNode;
}

export function CheckboxField({ label, checked, onChange, hint }: CheckboxFieldProps) {
  const hintId = useId();
  return (
    <div className="checkbox-field">
      <label className="checkbox">
        <input type="checkbox" checked={checked} onChange={(event) => onChange(event.target.checked)} aria-describedby={hint ? hintId : undefined} />
        <span>{label}</span>
      </label>
      {hint ? (
        <div id={hintId} className="field__hint checkbox-field__hint">
          {hint}
        </div>
      ) : null}
    </div>
  );
}
