/**
 * "Ready to watch: <title>" in serve mode, where there is no desktop
 * notification: a toast on every page, and a browser notification where the
 * browser allows them (Settings → Notifications asks), whose click opens the
 * download in Plex. Renders nothing itself.
 */
import { useEffect } from 'react';
import { showStatus, useAppStore } from '../../app/app-store';
import { useSettingsStore } from '../../app/settings-store';
import { browserAlertSupport, type AlertWindow } from '../health/browser-alerts';
import { isWebAddress } from '../../../../shared/contract/web-address';
import { onDownloadReady, type ReadyNotice } from './downloads-store';

/** Shows one as a browser notification when allowed; true when it did. */
export function showReadyNotification(notice: ReadyNotice, win: AlertWindow & Pick<Window, 'open'> = window as unknown as AlertWindow & Pick<Window, 'open'>): boolean {
  if (browserAlertSupport(win) !== 'granted' || !win.Notification) return false;
  const web = isWebAddress(notice.openUrl);
  const notification = new win.Notification(`Ready to watch: ${notice.title}`, { body: web ? 'Click to open it in Plex.' : 'It is in your Plex library.', tag: `medianest-download-${notice.id}` });
  notification.onclick = () => {
    win.focus();
    if (web) win.open(notice.openUrl!, '_blank', 'noopener');
    else window.location.hash = `#/downloads/${encodeURIComponent(notice.id)}`;
    notification.close();
  };
  return true;
}

export function DownloadReadyNotices() {
  const mode = useAppStore((state) => state.info?.mode);
  const enabled = useSettingsStore((state) => state.settings?.notifications.enabled ?? true);
  useEffect(() => {
    if (mode !== 'serve' || !enabled) return undefined;
    return onDownloadReady((notice) => {
      showStatus(`Ready to watch: ${notice.title}`, 'ok');
      showReadyNotification(notice);
    });
  }, [mode, enabled]);
  return null;
}
