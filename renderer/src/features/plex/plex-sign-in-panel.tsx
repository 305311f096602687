/**
 * "Sign in with Plex": starts the PIN sign-in and shows where to approve it.
 * In the desktop app the approval page opens in its own window; in a browser
 * (serve mode) the page shows the link and a QR code to open it on a phone.
 * While it waits it shows the time left and a way to cancel.
 */
import QRCode from 'qrcode';
import { useEffect, useState } from 'react';
import { useAppStore } from '../../app/app-store';
import { useNow } from '../../ui/use-now';
import { cancelSignIn, startSignIn, usePlexStore } from './plex-store';

function timeLeft(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  const minutes = Math.floor(seconds / 60);
  return minutes > 0 ? `${minutes} min ${String(seconds % 60).padStart(2, '0')} s` : `${seconds} s`;
}

function useQrCode(text: string | null): string | null {
  const [svg, setSvg] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    setSvg(null);
    if (text) {
      void QRCode.toString(text, { type: 'svg', margin: 1, errorCorrectionLevel: 'M', color: { dark: '#000000', light: '#ffffff' } }).then((value) => {
        if (live) setSvg(`data:image/svg+xml;charset=utf-8,${encodeURIComponent(value)}`);
      });
    }
    return () => {
      live = false;
    };
  }, [text]);
  return svg;
}

export function PlexSignInPanel({ compact = false }: { readonly compact?: boolean }) {
  const signIn = usePlexStore((state) => state.signIn);
  const mode = useAppStore((state) => state.info?.mode ?? 'serve');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const now = useNow(1000);
  const waiting = signIn?.state === 'waiting' && signIn.authUrl;
  const qr = useQrCode(waiting && mode === 'serve' ? signIn.authUrl : null);

  const begin = async (): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      const started = await startSignIn();
      // The desktop shell opens plex.tv's page in its own locked-down window.
      if (started?.state === 'waiting' && started.authUrl && mode === 'electron') window.open(started.authUrl, '_blank');
    } catch (caught) {
      setError((caught as Error).message);
    } finally {
      setBusy(false);
    }
  };

  if (waiting) {
    return (
      <div className="plex-sign-in" data-testid="plex-sign-in">
        {mode === 'serve' ? (
          <>
            <p>Open this page, sign in to Plex and approve MediaNest. This page moves on by itself.</p>
            <p>
              <a className="button button--primary" href={signIn.authUrl!} target="_blank" rel="noopener noreferrer">
                Open the Plex sign-in page
              </a>
            </p>
            {qr ? <img className="plex-sign-in__qr" src={qr} alt="QR code of the Plex sign-in page, to open it on a phone" width={168} height={168} /> : null}
          </>
        ) : (
          <p>A Plex window has opened: sign in there and approve MediaNest. It closes by itself when you are done.</p>
        )}
        <p className="plex-sign-in__meta" aria-live="polite">
          Waiting for Plex… {signIn.expiresAt ? `The code is valid for ${timeLeft(signIn.expiresAt - now)}.` : ''}
        </p>
        <button type="button" className="button" onClick={() => void cancelSignIn()}>
          Cancel
        </button>
      </div>
    );
  }

  return (
    <div className="plex-sign-in" data-testid="plex-sign-in">
      {!compact ? <p>MediaNest reads your Plex libraries with your Plex account. Signing in happens on plex.tv; MediaNest never sees your password.</p> : null}
      {signIn && (signIn.state === 'expired' || signIn.state === 'failed' || signIn.state === 'cancelled') && signIn.message ? (
        <p className="notice notice--error" role="alert">
          {signIn.message}
        </p>
      ) : null}
      {error ? (
        <p className="notice notice--error" role="alert">
          {error}
        </p>
      ) : null}
      <button type="button" className="button button--primary" aria-busy={busy} disabled={busy} onClick={() => void begin()}>
        Sign in with Plex
      </button>
    </div>
  );
}
