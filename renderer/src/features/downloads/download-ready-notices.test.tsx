import { act, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeAppInfo, fakePublicSettings } from '../../testing/fake-transport';
import { cleanupApp, renderApp, resetLocation } from '../../testing/render-app';
import { showReadyNotification } from './download-ready-notices';

function fakeWindow(permission: NotificationPermission) {
  const shown: { title: string; options: NotificationOptions; instance: { onclick: (() => void) | null; close: () => void } }[] = [];
  class FakeNotification {
    static permission = permission;
    onclick: (() => void) | null = null;
    close = vi.fn();
    constructor(title: string, options: NotificationOptions) {
      shown.push({ title, options, instance: this });
    }
  }
  const open = vi.fn();
  return { win: { isSecureContext: true, focus: vi.fn(), open, Notification: FakeNotification as unknown as typeof Notification }, shown, open };
}

describe('Ready to watch in serve mode', () => {
  beforeEach(() => resetLocation('#/health'));
  afterEach(cleanupApp);

  it('shows a toast on any page in serve mode', async () => {
    const { transport } = renderApp({ info: fakeAppInfo({ mode: 'serve' }) });
    await screen.findByRole('heading', { name: 'Health', level: 1 });
    act(() => transport.emit('downloads:ready', { id: 'a', title: 'Harbour walks', openUrl: null }));
    expect(await screen.findByText('Ready to watch: Harbour walks')).toBeTruthy();
  });

  it('leaves it to the desktop notification in the desktop app, and says nothing while notifications are off', async () => {
    const desktop = renderApp({ info: fakeAppInfo({ mode: 'electron' }) });
    await screen.findByRole('heading', { name: 'Health', level: 1 });
    act(() => desktop.transport.emit('downloads:ready', { id: 'a', title: 'Harbour walks', openUrl: null }));
    expect(screen.queryByText('Ready to watch: Harbour walks')).toBeNull();
    cleanupApp();
    const off = renderApp({ info: fakeAppInfo({ mode: 'serve' }), settings: fakePublicSettings({ notifications: { enabled: false } }) });
    await screen.findByRole('heading', { name: 'Health', level: 1 });
    act(() => off.transport.emit('downloads:ready', { id: 'a', title: 'Harbour walks', openUrl: null }));
    expect(screen.queryByText('Ready to watch: Harbour walks')).toBeNull();
  });

  it('as a browser notification opens it in Plex only for a web address', () => {
    const { win, shown, open } = fakeWindow('granted');
    expect(showReadyNotification({ id: 'a', title: 'Harbour walks', openUrl: 'https://app.plex.tv/desktop#!/x' }, win)).toBe(true);
    expect(showReadyNotification({ id: 'b', title: 'Night train', openUrl: 'javascript:alert(1)' }, win)).toBe(true);
    expect(shown.map((each) => each.title)).toEqual(['Ready to watch: Harbour walks', 'Ready to watch: Night train']);
    shown[0]!.instance.onclick!();
    shown[1]!.instance.onclick!();
    expect(open).toHaveBeenCalledTimes(1);
    expect(open).toHaveBeenCalledWith('https://app.plex.tv/desktop#!/x', '_blank', 'noopener');
    expect(window.location.hash).toBe('#/downloads/b');
    expect(showReadyNotification({ id: 'c', title: 'x', openUrl: null }, fakeWindow('denied').win)).toBe(false);
  });
});
