import { describe, expect, it, vi } from 'vitest';
import { createEventBus } from '../core/events/event-bus';
import type { CoreEvents } from '../core/events/core-events';
import { createNotificationService, type DesktopNotification } from './notifications';

function setup(enabled = true) {
  const bus = createEventBus<CoreEvents>();
  const shown: DesktopNotification[] = [];
  const state = { enabled };
  const logger = { warn: vi.fn() };
  const service = createNotificationService({ bus, enabled: () => state.enabled, notify: (n) => void shown.push(n), logger });
  return { bus, shown, state, service, logger };
}

describe('createNotificationService', () => {
  it('announces a service going down and coming back', () => {
    const { bus, shown } = setup();
    bus.emit('service:down', { upstream: 'uptime-kuma', service: 'uptime-kuma', at: 1, error: 'connect ECONNREFUSED 192.168.1.10:3001' });
    bus.emit('service:up', { upstream: 'uptime-kuma', service: 'uptime-kuma', at: 2 });
    expect(shown).toEqual([
      { title: 'Uptime Kuma is down', body: 'MediaNest cannot reach it: connect ECONNREFUSED 192.168.1.10:3001' },
      { title: 'Uptime Kuma is back', body: 'It is answering again.' },
    ]);
  });

  it('never shows a token that slipped into an error', () => {
    const { bus, shown } = setup();
    bus.emit('service:down', { upstream: 'plex', service: 'plex', at: 1, error: 'GET http://plex:32400/identity?X-Plex-Token=abcdef failed' });
    expect(shown[0]!.body).not.toContain('abcdef');
  });

  it('stays quiet while notifications are off, and follows the setting live', () => {
    const { bus, shown, state } = setup(false);
    bus.emit('service:down', { upstream: 'plex', service: 'plex', at: 1, error: null });
    expect(shown).toHaveLength(0);
    state.enabled = true;
    bus.emit('service:down', { upstream: 'plex', service: 'plex', at: 2, error: null });
    expect(shown).toEqual([{ title: 'Plex is down', body: 'MediaNest cannot reach it.' }]);
  });

  it('ignores other events and logs a failing notifier', () => {
    const bus = createEventBus<CoreEvents>();
    const logger = { warn: vi.fn() };
    createNotificationService({
      bus,
      enabled: () => true,
      notify: () => {
        throw new Error('no notification daemon');
      },
      logger,
    });
    bus.emit('service:auth-failed', { upstream: 'plex', service: 'plex', status: 401, at: 1 });
    expect(logger.warn).not.toHaveBeenCalled();
    bus.emit('service:up', { upstream: 'plex', service: 'plex', at: 1 });
    expect(logger.warn).toHaveBeenCalledTimes(1);
  });

  it('unsubscribes on dispose', () => {
    const { bus, service, shown } = setup();
    service.dispose();
    expect(bus.listenerCount('service:down') + bus.listenerCount('service:up')).toBe(0);
    bus.emit('service:up', { upstream: 'plex', service: 'plex', at: 1 });
    expect(shown).toHaveLength(0);
  });
});
