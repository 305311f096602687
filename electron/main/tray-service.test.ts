import { describe, expect, it, vi } from 'vitest';
import { upstreamSpec } from '../../shared/contract/services';
import type { ServiceHealth } from '../../shared/contract/areas/health';
import { createEventBus } from '../core/events/event-bus';
import type { CoreEvents } from '../core/events/core-events';
import { createTrayService, summarizeHealth, type OverallHealth, type TrayLike, type TrayMenuItem } from './tray-service';

function health(service: ServiceHealth['upstream'], status: ServiceHealth['status'], enabled = true): ServiceHealth {
  return { upstream: service, service: upstreamSpec(service).service, enabled, configured: true, status, responseTimeMs: null, lastCheckedAt: null, error: null, uptime24h: null, breaker: 'closed' };
}

interface FakeTray extends TrayLike<string> {
  image: string;
  tooltip: string;
  menu: readonly TrayMenuItem[];
  click?: () => void;
  destroyed: boolean;
  imageChanges: number;
}

function setup(initial?: readonly ServiceHealth[]) {
  const bus = createEventBus<CoreEvents>();
  const trays: FakeTray[] = [];
  const onShowWindow = vi.fn();
  const onQuit = vi.fn();
  const createTray = (icon: string): FakeTray => {
    const tray: FakeTray = {
      image: icon,
      tooltip: '',
      menu: [],
      destroyed: false,
      imageChanges: 0,
      setImage(image) {
        tray.image = image;
        tray.imageChanges += 1;
      },
      setToolTip(text) {
        tray.tooltip = text;
      },
      setMenu(items) {
        tray.menu = items;
      },
      onClick(listener) {
        tray.click = listener;
      },
      destroy() {
        tray.destroyed = true;
      },
    };
    trays.push(tray);
    return tray;
  };
  const iconFor = (status: OverallHealth): string => (status === 'unhealthy' ? 'tray-alert.png' : 'tray.png');
  const service = createTrayService({ createTray, iconFor, onShowWindow, onQuit, bus, ...(initial ? { initial } : {}) });
  return { bus, service, tray: () => trays[0]!, trays, onShowWindow, onQuit };
}

const item = (tray: FakeTray, id: string) => tray.menu.find((entry) => entry.id === id);

describe('createTrayService', () => {
  it('creates one tray with Show, a disabled health line and Quit', () => {
    const { tray, trays } = setup();
    expect(trays).toHaveLength(1);
    expect(tray().image).toBe('tray.png');
    expect(tray().menu.map((entry) => entry.id ?? entry.type)).toEqual(['show', 'separator', 'health', 'separator', 'quit']);
    expect(item(tray(), 'health')).toMatchObject({ label: 'No services set up yet', enabled: false });
    expect(tray().tooltip).toBe('MediaNest: No services set up yet');
  });

  it('wires Show, tray click and Quit to the callbacks', () => {
    const { tray, onShowWindow, onQuit } = setup();
    item(tray(), 'show')!.click!();
    tray().click!();
    expect(onShowWindow).toHaveBeenCalledTimes(2);
    item(tray(), 'quit')!.click!();
    expect(onQuit).toHaveBeenCalledTimes(1);
  });

  it('switches to the alert icon when any enabled service is down, and back', () => {
    const { bus, tray, service } = setup();
    bus.emit('health:changed', health('plex', 'healthy'));
    bus.emit('health:changed', health('overseerr', 'healthy'));
    expect(service.status).toBe('healthy');
    expect(tray().image).toBe('tray.png');
    expect(item(tray(), 'health')!.label).toBe('All 2 services healthy');

    bus.emit('health:changed', health('overseerr', 'unhealthy'));
    expect(service.status).toBe('unhealthy');
    expect(tray().image).toBe('tray-alert.png');
    expect(tray().tooltip).toBe('MediaNest: 1 of 2 down: Overseerr');
    expect(item(tray(), 'health')!.label).toBe('1 of 2 down: Overseerr');

    bus.emit('health:changed', health('overseerr', 'healthy'));
    expect(tray().image).toBe('tray.png');
  });

  it('only changes the image when the status changes', () => {
    const { bus, tray } = setup();
    bus.emit('health:changed', health('plex', 'unhealthy'));
    bus.emit('health:changed', health('overseerr', 'unhealthy'));
    bus.emit('health:changed', health('uptime-kuma', 'unhealthy'));
    expect(tray().imageChanges).toBe(1);
    expect(item(tray(), 'health')!.label).toBe('3 of 3 down: Plex, Overseerr, Uptime Kuma');
  });

  it('ignores disabled services', () => {
    const { bus, tray, service } = setup();
    bus.emit('health:changed', health('plex', 'healthy'));
    bus.emit('health:changed', health('overseerr', 'unhealthy', false));
    expect(service.status).toBe('healthy');
    expect(tray().image).toBe('tray.png');
    expect(item(tray(), 'health')!.label).toBe('Plex is healthy');
  });

  it('starts from the initial health', () => {
    const { tray, service } = setup([health('plex', 'unhealthy')]);
    expect(service.status).toBe('unhealthy');
    expect(tray().image).toBe('tray-alert.png');
  });

  it('stops listening and destroys the tray on dispose', () => {
    const { bus, tray, service } = setup();
    service.dispose();
    service.dispose();
    expect(tray().destroyed).toBe(true);
    expect(bus.listenerCount('health:changed')).toBe(0);
    bus.emit('health:changed', health('plex', 'unhealthy'));
    expect(tray().image).toBe('tray.png');
  });
});

describe('summarizeHealth', () => {
  it.each<[string, ServiceHealth[], OverallHealth, string]>([
    ['nothing', [], 'unknown', 'No services set up yet'],
    ['all disabled', [health('plex', 'unhealthy', false)], 'unknown', 'No services set up yet'],
    ['one unknown', [health('plex', 'unknown')], 'unknown', 'Checking services…'],
    ['degraded', [health('plex', 'healthy'), health('overseerr', 'degraded')], 'degraded', '1 of 2 degraded: Overseerr'],
    ['down beats degraded', [health('plex', 'degraded'), health('overseerr', 'unhealthy')], 'unhealthy', '1 of 2 down: Overseerr'],
    ['healthy and unknown', [health('plex', 'healthy'), health('overseerr', 'unknown')], 'unknown', 'Checking services…'],
    ['each upstream by its own name', [health('plex', 'healthy'), health('plex-tv', 'unhealthy')], 'unhealthy', '1 of 2 down: plex.tv'],
  ])('%s', (_name, healths, status, text) => {
    expect(summarizeHealth(healths)).toEqual({ status, text });
  });
});
