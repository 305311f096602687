/**
 * In serve mode, what the browser can do about alerts: offer to turn browser
 * notifications on, or say why there are none (plain http on the LAN).
 */
import { Bell, BellOff } from 'lucide-react';
import { useState } from 'react';
import { Banner } from '../../ui/banner';
import { useAppStore } from '../../app/app-store';
import { askForBrowserAlerts, browserAlertSupport, type BrowserAlertSupport } from './browser-alerts';

const words: Readonly<Record<Exclude<BrowserAlertSupport, 'default'>, string>> = {
  insecure:
    'Browser notifications need a secure address: https, or this computer as localhost. You opened MediaNest over plain http on your network, so alerts show up here in the page only.',
  unsupported: 'This browser cannot show notifications, so alerts show up here in the page only.',
  denied: 'This browser blocks notifications from MediaNest, so alerts show up here in the page. You can allow them in the browser’s site settings.',
  granted: 'Alerts also appear as browser notifications.',
};

export function BrowserAlertsNotice() {
  const mode = useAppStore((state) => state.info?.mode);
  const [support, setSupport] = useState<BrowserAlertSupport>(() => browserAlertSupport());
  if (mode !== 'serve') return null;
  if (support === 'default') {
    return (
      <Banner
        tone="info"
        icon={Bell}
        testId="browser-alerts"
        title="Get alerts as browser notifications when a service goes down or comes back."
        action={
          <button type="button" className="button" onClick={() => void askForBrowserAlerts().then(setSupport)}>
            Turn on browser notifications
          </button>
        }
      />
    );
  }
  return <Banner tone="info" icon={support === 'granted' ? Bell : BellOff} testId="browser-alerts" title={words[support]} />;
}
