import { describe, expect, it } from 'vitest';
import type { CoreEvents } from '../core/events/core-events';
import { createEventBus } from '../core/events/event-bus';
import type { DesktopNotification } from './notifications';
import { createRequestNotifications } from './request-notifications';

describe('request notifications', () => {
  it('shows "<title> is available" and opens the item in the library on click', () => {
    const bus = createEventBus<CoreEvents>();
    const shown: DesktopNotification[] = [];
    const opened: string[] = [];
    const service = createRequestNotifications({ bus, notify: (notification) => void shown.push(notification), open: (hash) => void opened.push(hash) });
    bus.emit('overseerr:alerted', { title: 'Paper Moons is available', body: 'Open it in your library.', target: { kind: 'library', ratingKey: '55' } });
    bus.emit('overseerr:alerted', { title: 'Kitchen Table was declined', body: 'Overseerr declined the request.', target: { kind: 'requests', requestId: 'abc' } });
    expect(shown.map(({ title }) => title)).toEqual(['Paper Moons is available', 'Kitchen Table was declined']);
    shown[0]!.onClick();
    shown[1]!.onClick();
    expect(opened).toEqual(['#/library/item-55', '#/requests/abc']);
    service.dispose();
    bus.emit('overseerr:alerted', { title: 'Again', body: '', target: { kind: 'requests', requestId: 'x' } });
    expect(shown).toHaveLength(2);
  });
});
