/**
 * Says so when the link to the core is down (serve mode): since when, that
 * what is on screen is as of then, and that actions wait for it. The
 * transport keeps retrying on its own, so there is nothing to click.
 */
import { useShallow } from 'zustand/react/shallow';
import { Banner } from '../../ui/banner';
import { useAppStore } from '../app-store';

function clock(at: number): string {
  return new Date(at).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
}

export function ConnectionBanner() {
  const { connection, lostAt } = useAppStore(useShallow((state) => ({ connection: state.connection, lostAt: state.lostAt })));
  // The live wrapper stays mounted so screen readers hear the banner come and go.
  return (
    <div aria-live="polite" className="shell-banner-slot">
      {connection === 'connected' ? null : lostAt === null ? (
        <Banner tone="info" title="Connecting to MediaNest…" testId="connection-banner" />
      ) : (
        <Banner tone="offline" title="Reconnecting to MediaNest…" testId="connection-banner">
          <p>
            The media PC stopped answering at <time dateTime={new Date(lostAt).toISOString()}>{clock(lostAt)}</time>. What you see is as of then; buttons that
            need it come back when it does.
          </p>
        </Banner>
      )}
    </div>
  );
}
