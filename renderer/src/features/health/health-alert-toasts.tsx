/**
 * Alerts ("NAS is down") in the page, at the top so they never cover an
 * action, on every page of serve mode (the desktop app shows desktop
 * notifications instead). "Down" alerts stay until dismissed; "back up" ones
 * fade. Where allowed, each also becomes a browser notification.
 */
import { CircleCheck, CircleX } from 'lucide-react';
import { useEffect } from 'react';
import type { HealthAlert } from '../../../../shared/contract/areas/health-entries';
import { useAppStore } from '../../app/app-store';
import { showBrowserAlert } from './browser-alerts';
import { dismissAlert, onAlert, useHealthStore } from './health-store';

const FADE_MS = 8_000;

function openEntry(id: string): void {
  window.location.hash = `#/health?entry=${encodeURIComponent(id)}`;
}

function AlertToast({ alert }: { readonly alert: HealthAlert }) {
  const down = alert.changes.some((change) => change.kind === 'down');
  useEffect(() => {
    if (down) return;
    const timer = setTimeout(() => dismissAlert(alert.id), FADE_MS);
    return () => clearTimeout(timer);
  }, [alert.id, down]);
  return (
    <li className="health-toast" data-tone={down ? 'danger' : 'ok'} role={down ? 'alert' : 'status'}>
      <p className="health-toast__title">
        {down ? <CircleX aria-hidden="true" size={18} /> : <CircleCheck aria-hidden="true" size={18} />} {alert.title}
      </p>
      <p className="health-toast__body">{alert.body}</p>
      <div className="health-toast__actions">
        <button
          type="button"
          className="button button--quiet"
          onClick={() => {
            openEntry(alert.changes[0]!.id);
            dismissAlert(alert.id);
          }}
        >
          Show
        </button>
        <button type="button" className="button button--quiet" onClick={() => dismissAlert(alert.id)} aria-label={`Dismiss: ${alert.title}`}>
          Dismiss
        </button>
      </div>
    </li>
  );
}

export function HealthAlertToasts() {
  const mode = useAppStore((state) => state.info?.mode);
  const alerts = useHealthStore((state) => state.alerts);
  useEffect(() => (mode === 'serve' ? onAlert((alert) => void showBrowserAlert(alert, openEntry)) : undefined), [mode]);
  if (mode !== 'serve' || alerts.length === 0) return null;
  return (
    <ul className="health-toasts" aria-label="Alerts" data-testid="health-alerts">
      {alerts.map((alert) => (
        <AlertToast key={alert.id} alert={alert} />
      ))}
    </ul>
  );
}
