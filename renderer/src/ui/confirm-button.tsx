/**
 * A destructive action that asks once more: the first press turns the button
 * into "Confirm …" beside a Cancel; only the second press acts. It steps back
 * on its own after a few seconds, so a stray tap later does nothing.
 */
import { useEffect, useRef, useState, type ReactNode } from 'react';

export const CONFIRM_WINDOW_MS = 5_000;

export interface ConfirmButtonProps {
  readonly children: ReactNode;
  /** What the second press says, e.g. "Yes, remove it". */
  readonly confirmLabel: string;
  readonly onConfirm: () => void;
  readonly disabled?: boolean;
  readonly small?: boolean;
  /** What steps back, when "Cancel" would be ambiguous (cancelling a download). */
  readonly keepLabel?: string;
}

export function ConfirmButton({ children, confirmLabel, onConfirm, disabled, small, keepLabel = 'Cancel' }: ConfirmButtonProps) {
  const [armed, setArmed] = useState(false);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const size = small ? ' button--small' : '';

  useEffect(() => {
    if (!armed) return;
    confirmRef.current?.focus();
    const timer = setTimeout(() => setArmed(false), CONFIRM_WINDOW_MS);
    return () => clearTimeout(timer);
  }, [armed]);

  if (!armed) {
    return (
      <button type="button" className={`button${size}`} onClick={() => setArmed(true)} disabled={disabled}>
        {children}
      </button>
    );
  }
  return (
    <span className="confirm-button" role="group" aria-label={confirmLabel}>
      <button
        ref={confirmRef}
        type="button"
        className={`button button--danger${size}`}
        disabled={disabled}
        onClick={() => {
          setArmed(false);
          onConfirm();
        }}
      >
        {confirmLabel}
      </button>
      <button type="button" className={`button button--quiet${size}`} onClick={() => setArmed(false)}>
        {keepLabel}
      </button>
    </span>
  );
}
