/**
 * Plex in the welcome view: "Sign in with Plex". The Plex feature registers
 * the real sign-in; until then the button leads to the Plex settings.
 */
import { Link2 } from 'lucide-react';
import { useState } from 'react';
import { useCoreReachable } from '../../app/app-store';
import { navigate } from '../../app/routing/hash-router';
import { StatusChip } from '../../ui/status-chip';
import { services, upstreamSpec } from '../../../../shared/contract/services';
import { plexSignIn, type PlexSignInOutcome } from './plex-sign-in';
import { WelcomeCard } from './welcome-card';

export function PlexCard({ connected }: { readonly connected: boolean }) {
  const reachable = useCoreReachable();
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<PlexSignInOutcome | null>(null);
  const signIn = plexSignIn();

  const start = async (): Promise<void> => {
    if (!signIn) {
      navigate('settings', 'plex');
      return;
    }
    setBusy(true);
    try {
      setOutcome(await signIn());
    } finally {
      setBusy(false);
    }
  };

  return (
    <WelcomeCard
      service="plex"
      title={services.plex.displayName}
      purpose={upstreamSpec('plex').description}
      state={connected || outcome?.ok ? <StatusChip tone="ok" label="Connected" /> : <StatusChip tone="neutral" icon={Link2} label="Not connected" />}
    >
      <p className="welcome-card__hint">
        {connected
          ? 'MediaNest reaches your Plex server. Its address and token are in Settings.'
          : signIn
            ? 'Sign in with your Plex account in the window that opens; MediaNest then finds your server.'
            : 'For now, enter your Plex server’s address and token in Settings; signing in with your Plex account arrives in a later version.'}
      </p>
      <div className="welcome-card__actions">
        {connected ? (
          <button type="button" className="button" onClick={() => navigate('settings', 'plex')}>
            Plex settings
          </button>
        ) : (
          <button type="button" className="button button--primary" onClick={() => void start()} disabled={!reachable || busy} aria-busy={busy}>
            Sign in with Plex
          </button>
        )}
      </div>
      <p className="welcome-card__result" aria-live="polite" data-tone={outcome ? (outcome.ok ? 'ok' : 'error') : undefined} data-testid="welcome-plex-result">
        {busy ? 'Waiting for Plex…' : (outcome?.message ?? null)}
      </p>
    </WelcomeCard>
  );
}
