import { describe, expect, it, vi } from 'vitest';
import type { HealthAlert } from '../../shared/contract/areas/health-entries';
import { createEventBus } from '../core/events/event-bus';
import type { CoreEvents } from '../core/events/core-events';
import { createNotificationService, type DesktopNotification } from './notifications';

const alert = (patch: Partial<HealthAlert> = {}): HealthAlert => ({
  id: 1,
  title: '2 services are down',
  body: 'Down: NAS and Plex.',
  at: 1,
  changes: [
    { id: 'kuma:3', name: 'NAS', kind: 'down' },
    { id: 'service:plex', name: 'Plex', kind: 'down' },
  ],
  ...patch,
});

function setup() {
  const bus = createEventBus<CoreEvents>();
  const shown: DesktopNotification[] = [];
  const openHealth = vi.fn();
  const logger = { warn: vi.fn() };
  const service = createNotificationService({ bus, notify: (n) => void shown.push(n), openHealth, logger });
  return { bus, shown, openHealth, service, logger };
}

describe('desktop notifications', () => {
  it('shows each alert once, and a click opens the Health page at its first service', () => {
    const { bus, shown, openHealth } = setup();
    bus.emit('health:alerted', alert());
    expect(shown.map(({ title, body }) => ({ title, body }))).toEqual([{ title: '2 services are down', body: 'Down: NAS and Plex.' }]);
    shown[0]!.onClick();
    expect(openHealth).toHaveBeenCalledWith('kuma:3');
  });

  it('ignores the events the alert policy already folded', () => {
    const { bus, shown } = setup();
    bus.emit('service:down', { upstream: 'plex-tv', service: 'plex', at: 1, error: null });
    bus.emit('service:up', { upstream: 'plex-tv', service: 'plex', at: 2 });
    expect(shown).toEqual([]);
  });

  it('never shows a token that slipped into a name', () => {
    const { bus, shown } = setup();
    bus.emit('health:alerted', alert({ title: 'http://plex:32400/?X-Plex-Token=abcdef is down' }));
    expect(shown[0]!.title).not.toContain('abcdef');
  });

  it('logs a failing notifier and unsubscribes on dispose', () => {
    const bus = createEventBus<CoreEvents>();
    const logger = { warn: vi.fn() };
    const service = createNotificationService({
      bus,
      notify: () => {
        throw new Error('no notification daemon');
      },
      openHealth: vi.fn(),
      logger,
    });
    bus.emit('health:alerted', alert());
    expect(logger.warn).toHaveBeenCalledTimes(1);
    service.dispose();
    expect(bus.listenerCount('health:alerted')).toBe(0);
  });
});
