import { describe, expect, it, vi } from 'vitest';
import type { HealthAlert } from '../../../../shared/contract/areas/health-entries';
import { askForBrowserAlerts, browserAlertSupport, showBrowserAlert, type AlertWindow } from './browser-alerts';

const alert: HealthAlert = { id: 7, title: 'NAS is down', body: 'Down: NAS.', at: 1, changes: [{ id: 'kuma:3', name: 'NAS', kind: 'down' }] };

function fakeWindow(secure: boolean, permission: NotificationPermission | null) {
  const shown: { title: string; options: NotificationOptions; instance: { onclick: (() => void) | null; close: () => void } }[] = [];
  class FakeNotification {
    static permission = permission ?? 'default';
    static requestPermission = vi.fn(async () => {
      FakeNotification.permission = 'granted';
      return 'granted' as const;
    });
    onclick: (() => void) | null = null;
    close = vi.fn();
    constructor(title: string, options: NotificationOptions) {
      shown.push({ title, options, instance: this });
    }
  }
  const win: AlertWindow = { isSecureContext: secure, focus: vi.fn(), ...(permission === null ? {} : { Notification: FakeNotification as unknown as typeof Notification }) };
  return { win, shown, FakeNotification };
}

describe('browser alerts', () => {
  it('are not offered over plain http, whatever the browser could do', () => {
    const { win, shown } = fakeWindow(false, 'granted');
    expect(browserAlertSupport(win)).toBe('insecure');
    expect(showBrowserAlert(alert, vi.fn(), win)).toBe(false);
    expect(shown).toEqual([]);
  });

  it('ask once on a secure origin, then show each alert; a click opens its entry', async () => {
    const { win, shown, FakeNotification } = fakeWindow(true, 'default');
    expect(browserAlertSupport(win)).toBe('default');
    expect(await askForBrowserAlerts(win)).toBe('granted');
    expect(FakeNotification.requestPermission).toHaveBeenCalledTimes(1);
    const onClick = vi.fn();
    expect(showBrowserAlert(alert, onClick, win)).toBe(true);
    expect(shown[0]).toMatchObject({ title: 'NAS is down', options: { body: 'Down: NAS.', tag: 'medianest-alert-7' } });
    shown[0]!.instance.onclick!();
    expect(onClick).toHaveBeenCalledWith('kuma:3');
    expect(win.focus).toHaveBeenCalled();
  });

  it('say when the browser has none or the user said no', () => {
    expect(browserAlertSupport(fakeWindow(true, null).win)).toBe('unsupported');
    const denied = fakeWindow(true, 'denied');
    expect(browserAlertSupport(denied.win)).toBe('denied');
    expect(showBrowserAlert(alert, vi.fn(), denied.win)).toBe(false);
  });
});
