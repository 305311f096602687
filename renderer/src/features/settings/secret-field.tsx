/**
 * A write-only secret: always empty at first, with its state beside the
 * label ("Saved", "Not set", "Cleared when you save"). Typing replaces the
 * saved value on Save; "Clear" stages its removal, like every other change,
 * and "Undo" takes that back.
 */
import { Check, CircleDashed, Eraser, Undo2 } from 'lucide-react';
import { TextField } from '../../ui/field';
import { StatusChip } from '../../ui/status-chip';

export interface SecretFieldProps {
  readonly label: string;
  /** What is typed; null when the saved one is staged to be cleared. */
  readonly value: string | null;
  /** Whether the core holds a value (it never sends the value itself). */
  readonly saved: boolean;
  readonly onChange: (value: string) => void;
  readonly onClear: () => void;
  readonly onUndoClear: () => void;
  readonly hint?: string;
  readonly error?: string | undefined;
  readonly name?: string;
}

export function SecretField({ label, value, saved, onChange, onClear, onUndoClear, hint, error, name }: SecretFieldProps) {
  const clearing = value === null;
  const chip = clearing ? (
    <StatusChip tone="warn" icon={Eraser} size="small" label="Cleared when you save" />
  ) : saved ? (
    <StatusChip tone="ok" icon={Check} size="small" label="Saved" />
  ) : (
    <StatusChip tone="neutral" icon={CircleDashed} size="small" label="Not set" />
  );
  return (
    <TextField
      label={label}
      name={name}
      type="password"
      value={value ?? ''}
      onChange={onChange}
      // Keeps the browser from filling in a saved login password here.
      autoComplete="new-password"
      placeholder={clearing ? 'Will be removed' : saved ? 'Type a new one to replace it' : undefined}
      aside={chip}
      hint={hint}
      error={error}
      disabled={clearing}
      trailing={
        clearing ? (
          <button type="button" className="button" onClick={onUndoClear}>
            <Undo2 aria-hidden="true" size={16} />
            Undo
          </button>
        ) : (
          <button type="button" className="button" onClick={onClear} disabled={!saved && (value ?? '') === ''}>
            Clear
          </button>
        )
      }
    />
  );
}
