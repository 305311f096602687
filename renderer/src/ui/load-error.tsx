/**
 * A view that could not load: what failed, in words, and "Try again".
 */
import { CloudAlert, RotateCw } from 'lucide-react';
import { useState } from 'react';
import './load-error.css';

export interface LoadErrorProps {
  /** "Service health could not be loaded." */
  readonly title: string;
  /** The reason, e.g. the AppError's message. */
  readonly message?: string | null;
  readonly onRetry: () => void | Promise<void>;
  /** False while the core is out of reach: retrying cannot work yet. */
  readonly canRetry?: boolean;
}

export function LoadError({ title, message, onRetry, canRetry = true }: LoadErrorProps) {
  const [retrying, setRetrying] = useState(false);
  const retry = async (): Promise<void> => {
    setRetrying(true);
    try {
      await onRetry();
    } finally {
      setRetrying(false);
    }
  };
  return (
    <div className="load-error" role="alert">
      <CloudAlert className="load-error__icon" aria-hidden="true" size={22} />
      <div className="load-error__body">
        <p className="load-error__title">{title}</p>
        {message ? <p className="load-error__message">{message}</p> : null}
      </div>
      <button type="button" className="button" onClick={() => void retry()} disabled={!canRetry || retrying} aria-busy={retrying}>
        <RotateCw aria-hidden="true" size={16} className={retrying ? 'spin' : undefined} />
        Try again
      </button>
    </div>
  );
}
