/**
 * One scaffold for every form control: label, the control, a hint and an
 * error, tied together for screen readers. `TextField` is the common case.
 */
import { useId, type InputHTMLAttributes, type ReactNode } from 'react';
import { CircleAlert } from 'lucide-react';
import './field.css';

/** What the control inside a Field must spread onto itself. */
export interface FieldControlProps {
  readonly id: string;
  readonly 'aria-describedby': string | undefined;
  readonly 'aria-invalid': true | undefined;
}

export interface FieldProps {
  readonly label: ReactNode;
  readonly hint?: ReactNode;
  readonly error?: string | undefined;
  /** Beside the label, e.g. a "saved" chip. */
  readonly aside?: ReactNode;
  readonly children: (control: FieldControlProps) => ReactNode;
}

export function Field({ label, hint, error, aside, children }: FieldProps) {
  const id = useId();
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className="field" data-invalid={error ? true : undefined}>
      <div className="field__label-row">
        <label className="field__label" htmlFor={id}>
          {label}
        </label>
        {aside}
      </div>
      {children({ id, 'aria-describedby': describedBy, 'aria-invalid': error ? true : undefined })}
      {error ? (
        <p id={`${id}-error`} className="field__error">
          <CircleAlert aria-hidden="true" size={14} />
          <span>{error}</span>
        </p>
      ) : null}
      {hint ? (
        <div id={`${id}-hint`} className="field__hint">
          {hint}
        </div>
      ) : null}
    </div>
  );
}

export interface TextFieldProps {
  readonly label: string;
  readonly value: string;
  readonly onChange: (value: string) => void;
  readonly onBlur?: () => void;
  readonly hint?: ReactNode;
  readonly error?: string | undefined;
  /** Shown as an example, styled so it cannot pass for a value. */
  readonly placeholder?: string;
  readonly type?: 'text' | 'password' | 'url' | 'search';
  readonly inputMode?: InputHTMLAttributes<HTMLInputElement>['inputMode'];
  readonly autoComplete?: string;
  /** For forms that find a field by name, e.g. to scroll the first error into view. */
  readonly name?: string;
  readonly aside?: ReactNode;
  /** A button after the input, on the same row. */
  readonly trailing?: ReactNode;
  readonly disabled?: boolean;
}

export function TextField(props: TextFieldProps) {
  const { label, value, onChange, onBlur, hint, error, placeholder, type = 'text', inputMode, autoComplete = 'off', name, aside, trailing, disabled } = props;
  return (
    <Field label={label} hint={hint} error={error} aside={aside}>
      {(control) => {
        const input = (
          <input
            {...control}
            className="field__input"
            type={type}
            name={name}
            value={value}
            onChange={(event) => onChange(event.target.value)}
            onBlur={onBlur}
            placeholder={placeholder}
            inputMode={inputMode}
            autoComplete={autoComplete}
            spellCheck={false}
            disabled={disabled}
          />
        );
        return trailing ? (
          <div className="field__row">
            {input}
            {trailing}
          </div>
        ) : (
          input
        );
      }}
    </Field>
  );
}
