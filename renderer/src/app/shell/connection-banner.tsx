/**
 * Says so when the WebSocket to the media PC is down (serve mode); the
 * transport keeps retrying on its own, so there is nothing to click.
 */
import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../app-store';

export function ConnectionBanner() {
  const { connection, hasConnected } = useAppStore(useShallow((state) => ({ connection: state.connection, hasConnected: state.hasConnected })));
  // The live wrapper stays mounted so screen readers hear the banner come and go.
  return (
    <div aria-live="polite">
      {connection === 'connected' ? null : (
        <div className="banner banner--warning" data-testid="connection-banner">
          <span className="banner__spinner" aria-hidden="true" />
          {hasConnected ? 'Reconnecting to MediaNest…' : 'Connecting to MediaNest…'}
        </div>
      )}
    </div>
  );
}
