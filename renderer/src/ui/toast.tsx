/**
 * Toasts: short messages about something that just happened. Errors stay
 * until dismissed (they need reading); the rest fade on their own (the store
 * decides when). The stack sits at the top, so it never covers an action bar.
 */
import { CircleCheck, CircleX, Info, X, type LucideIcon } from 'lucide-react';
import './toast.css';

export type ToastTone = 'info' | 'ok' | 'error';

export interface ToastItem {
  /** Increases with every toast, so the same text twice is announced twice. */
  readonly id: number;
  readonly text: string;
  readonly tone: ToastTone;
}

const toastIcons: Record<ToastTone, LucideIcon> = { info: Info, ok: CircleCheck, error: CircleX };

export interface ToastProps {
  readonly toast: ToastItem;
  readonly onDismiss: (id: number) => void;
}

export function Toast({ toast, onDismiss }: ToastProps) {
  const Icon = toastIcons[toast.tone];
  return (
    <div className="toast" data-tone={toast.tone} data-testid="toast">
      <Icon className="toast__icon" aria-hidden="true" size={18} />
      <p className="toast__text">{toast.text}</p>
      <button type="button" className="toast__dismiss" onClick={() => onDismiss(toast.id)} aria-label="Dismiss">
        <X aria-hidden="true" size={16} />
      </button>
    </div>
  );
}

export interface ToastStackProps {
  readonly toasts: readonly ToastItem[];
  readonly onDismiss: (id: number) => void;
}

/** The one polite live region; it stays in the DOM while empty so screen readers already watch it. */
export function ToastStack({ toasts, onDismiss }: ToastStackProps) {
  return (
    <div role="status" aria-live="polite" className="toast-stack">
      {toasts.map((toast) => (
        <Toast key={toast.id} toast={toast} onDismiss={onDismiss} />
      ))}
    </div>
  );
}
