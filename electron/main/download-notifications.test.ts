import { describe, expect, it } from 'vitest';
import type { CoreEvents } from '../core/events/core-events';
import { createEventBus } from '../core/events/event-bus';
import { createDownloadNotifications } from './download-notifications';
import type { DesktopNotification } from './notifications';

function setup(enabled = true) {
  const bus = createEventBus<CoreEvents>();
  const shown: DesktopNotification[] = [];
  const external: string[] = [];
  const opened: string[] = [];
  const service = createDownloadNotifications({ bus, enabled: () => enabled, notify: (notification) => void shown.push(notification), openExternal: (url) => void external.push(url), open: (hash) => void opened.push(hash) });
  return { bus, shown, external, opened, service };
}

describe('download notifications', () => {
  it('says "Ready to watch: <title>" and opens it in Plex on click, only for http(s) addresses', () => {
    const { bus, shown, external, opened, service } = setup();
    bus.emit('downloads:ready', { id: 'a', title: 'Harbour walks', openUrl: 'https://app.plex.tv/desktop#!/server/x/details?key=%2Flibrary%2Fmetadata%2F9' });
    bus.emit('downloads:ready', { id: 'b/c', title: 'Night train', openUrl: 'file:///etc/passwd' });
    bus.emit('downloads:ready', { id: 'd', title: 'Morning fog', openUrl: null });
    expect(shown.map(({ title }) => title)).toEqual(['Ready to watch: Harbour walks', 'Ready to watch: Night train', 'Ready to watch: Morning fog']);
    for (const notification of shown) notification.onClick();
    expect(external).toEqual(['https://app.plex.tv/desktop#!/server/x/details?key=%2Flibrary%2Fmetadata%2F9']);
    expect(opened).toEqual(['#/downloads/b%2Fc', '#/downloads/d']);
    service.dispose();
    bus.emit('downloads:ready', { id: 'e', title: 'Again', openUrl: null });
    expect(shown).toHaveLength(3);
  });

  it('stays quiet while notifications are off', () => {
    const { bus, shown } = setup(false);
    bus.emit('downloads:ready', { id: 'a', title: 'Harbour walks', openUrl: null });
    expect(shown).toEqual([]);
  });
});
