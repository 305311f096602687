/**
 * The one polite live region: "Settings saved", or the message of an error.
 * It stays in the DOM while empty so screen readers are already watching it.
 */
import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../app-store';

export function StatusRegion() {
  const { status } = useAppStore(useShallow((state) => ({ status: state.status })));
  return (
    <div role="status" aria-live="polite" aria-atomic="true" className="status-region" data-tone={status?.tone}>
      {status ? <p key={status.id} className="status-region__message">{status.text}</p> : null}
    </div>
  );
}
