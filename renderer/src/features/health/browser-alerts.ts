/**
 * Browser notifications for serve mode. Browsers offer them only on a secure
 * origin (https, or this computer as localhost/127.0.0.1); over plain http on
 * the LAN there are none, and the page says so instead of asking.
 */
import type { HealthAlert } from '../../../../shared/contract/areas/health-entries';

export type BrowserAlertSupport = 'unsupported' | 'insecure' | 'default' | 'granted' | 'denied';

/** The bits of `window` used here (a fake in tests). */
export interface AlertWindow {
  readonly isSecureContext: boolean;
  readonly Notification?: typeof Notification;
  focus(): void;
}

const currentWindow = (): AlertWindow => window as unknown as AlertWindow;

export function browserAlertSupport(win: AlertWindow = currentWindow()): BrowserAlertSupport {
  if (!win.isSecureContext) return 'insecure';
  if (!win.Notification) return 'unsupported';
  return win.Notification.permission;
}

export async function askForBrowserAlerts(win: AlertWindow = currentWindow()): Promise<BrowserAlertSupport> {
  if (browserAlertSupport(win) !== 'default' || !win.Notification) return browserAlertSupport(win);
  await win.Notification.requestPermission();
  return browserAlertSupport(win);
}

/** Shows one alert as a browser notification when allowed; a click brings the page to the entry. */
export function showBrowserAlert(alert: HealthAlert, onClick: (entryId: string) => void, win: AlertWindow = currentWindow()): boolean {
  if (browserAlertSupport(win) !== 'granted' || !win.Notification) return false;
  const notification = new win.Notification(alert.title, { body: alert.body, tag: `medianest-alert-${alert.id}` });
  notification.onclick = () => {
    win.focus();
    onClick(alert.changes[0]!.id);
    notification.close();
  };
  return true;
}
