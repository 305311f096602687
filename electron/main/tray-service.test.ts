import { describe, expect, it, vi } from 'vitest';
import type { EntryState, HealthEntry, TrayLevel } from '../../shared/contract/areas/health-entries';
import { createEventBus } from '../core/events/event-bus';
import type { CoreEvents } from '../core/events/core-events';
import { createTrayService, downloadsLine, type PanelTone, type TrayLike, type TrayMenuItem, type TrayServiceOptions } from './tray-service';

const NOW = Date.UTC(2026, 11, 1, 12);

function entry(id: string, name: string, state: EntryState, patch: Partial<HealthEntry> = {}): HealthEntry {
  return { id, source: 'uptime-kuma', service: null, upstream: null, name, group: 'Storage', state, since: null, lastCheckedAt: null, responseTimeMs: null, uptime24h: null, detail: null, error: null, recent: [], openUrl: null, mutedUntil: null, ...patch };
}

interface FakeTray extends TrayLike<string> {
  image: string;
  tooltip: string;
  menu: readonly TrayMenuItem[];
  click?: () => void;
  destroyed: boolean;
  imageChanges: number;
}

function setup(initial: readonly HealthEntry[] = [], downloads?: TrayServiceOptions<string>['downloads']) {
  const bus = createEventBus<CoreEvents>();
  const trays: FakeTray[] = [];
  const onShowWindow = vi.fn();
  const onQuit = vi.fn();
  const onMute = vi.fn();
  const panel = { tone: 'dark' as PanelTone, listeners: new Set<() => void>() };
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
  const service = createTrayService({
    createTray,
    iconFor: (level: TrayLevel, tone: PanelTone) => `tray-${level}-${tone}.png`,
    panel: () => panel.tone,
    onPanelChange: (listener) => {
      panel.listeners.add(listener);
      return () => panel.listeners.delete(listener);
    },
    onShowWindow,
    onQuit,
    onMute,
    bus,
    initial,
    formatTime: (at) => new Date(at).toISOString().slice(11, 16),
    now: () => NOW,
    ...(downloads ? { downloads } : {}),
  });
  return { bus, service, tray: () => trays[0]!, trays, onShowWindow, onQuit, onMute, panel };
}

const item = (items: readonly TrayMenuItem[], id: string): TrayMenuItem | undefined => items.find((entry) => entry.id === id);

describe('tray service', () => {
  it('creates one tray with Show, the summary, each service and Quit', () => {
    const { tray, trays } = setup([entry('service:plex', 'Plex', 'up'), entry('kuma:3', 'NAS', 'up'), entry('service:overseerr', 'Overseerr', 'off')]);
    expect(trays).toHaveLength(1);
    expect(tray().image).toBe('tray-ok-dark.png');
    expect(tray().menu.map((e) => e.id ?? e.type)).toEqual(['show', 'separator', 'summary', 'entry:service:plex', 'entry:kuma:3', 'separator', 'quit']);
    expect(item(tray().menu, 'summary')).toMatchObject({ label: 'All 2 services are working', enabled: false });
    expect(item(tray().menu, 'entry:kuma:3')!.label).toBe('NAS: working');
    expect(tray().tooltip).toBe('MediaNest: All 2 services are working');
  });

  it('tells plex.tv and the Plex server apart, each by its own name', () => {
    const { bus, tray } = setup([entry('service:plex', 'Plex', 'up', { service: 'plex', upstream: 'plex' }), entry('service:plex-tv', 'plex.tv', 'up', { service: 'plex', upstream: 'plex-tv' })]);
    bus.emit('health:entry-changed', entry('service:plex-tv', 'plex.tv', 'down', { service: 'plex', upstream: 'plex-tv', since: Date.UTC(2026, 11, 1, 11, 40) }));
    expect(tray().tooltip).toBe('MediaNest: plex.tv is down since 11:40');
    expect(item(tray().menu, 'entry:service:plex')!.label).toBe('Plex: working');
    expect(item(tray().menu, 'entry:service:plex-tv')!.label).toBe('plex.tv: down');
  });

  it('shows the worst state: pending as degraded, maintenance as ok, unknown as neither', () => {
    const { bus, tray, service } = setup([entry('a', 'Plex', 'up'), entry('b', 'NAS', 'up')]);
    bus.emit('health:entry-changed', entry('b', 'NAS', 'maintenance'));
    expect([service.level, tray().image]).toEqual(['ok', 'tray-ok-dark.png']);
    bus.emit('health:entry-changed', entry('c', 'Printer', 'unknown'));
    expect(service.level).toBe('ok');
    bus.emit('health:entry-changed', entry('c', 'Printer', 'pending'));
    expect([service.level, tray().image]).toEqual(['degraded', 'tray-degraded-dark.png']);
    expect(tray().tooltip).toBe('MediaNest: Printer is having trouble');
    bus.emit('health:entry-changed', entry('a', 'Plex', 'down', { since: Date.UTC(2026, 11, 1, 11, 2) }));
    expect([service.level, tray().image]).toEqual(['down', 'tray-down-dark.png']);
    expect(tray().tooltip).toBe('MediaNest: Plex is down since 11:02');
    expect(item(tray().menu, 'entry:a')!.label).toBe('Plex: down');
    expect(item(tray().menu, 'entry:c')!.label).toBe('Printer: being checked again');
    bus.emit('health:entry-changed', entry('a', 'Plex', 'up'));
    bus.emit('health:entry-changed', entry('c', 'Printer', 'up'));
    expect([service.level, tray().image]).toEqual(['ok', 'tray-ok-dark.png']);
  });

  it('changes the image only when the level or the panel changes', () => {
    const { bus, tray, panel } = setup([entry('a', 'Plex', 'up')]);
    bus.emit('health:entry-changed', entry('a', 'Plex', 'down'));
    bus.emit('health:entry-changed', entry('b', 'NAS', 'down'));
    expect(tray().imageChanges).toBe(1);
    expect(tray().tooltip).toBe('MediaNest: 2 services are down: Plex and NAS');
    panel.tone = 'light';
    for (const listener of panel.listeners) listener();
    expect(tray().image).toBe('tray-down-light.png');
    expect(tray().imageChanges).toBe(2);
  });

  it('mutes a service for 1, 4 or 8 hours from its submenu, and unmutes a muted one', () => {
    const { bus, tray, onMute } = setup([entry('kuma:3', 'NAS', 'down')]);
    const submenu = item(tray().menu, 'entry:kuma:3')!.submenu!;
    expect(submenu.map((e) => e.label)).toEqual(['Mute for 1 hour', 'Mute for 4 hours', 'Mute for 8 hours']);
    submenu[1]!.click!();
    expect(onMute).toHaveBeenCalledWith('kuma:3', 4);
    bus.emit('health:entry-changed', entry('kuma:3', 'NAS', 'down', { mutedUntil: NOW + 4 * 3_600_000 }));
    const muted = item(tray().menu, 'entry:kuma:3')!;
    expect(muted.label).toBe('NAS: down (muted until 16:00)');
    item(muted.submenu!, 'unmute:kuma:3')!.click!();
    expect(onMute).toHaveBeenLastCalledWith('kuma:3', null);
  });

  it('wires Show, tray click and Quit to the callbacks', () => {
    const { tray, onShowWindow, onQuit } = setup();
    item(tray().menu, 'show')!.click!();
    tray().click!();
    expect(onShowWindow).toHaveBeenCalledTimes(2);
    item(tray().menu, 'quit')!.click!();
    expect(onQuit).toHaveBeenCalledTimes(1);
    expect(item(tray().menu, 'summary')!.label).toBe('No services set up yet');
  });

  it('drops removed entries', () => {
    const { bus, tray, service } = setup([entry('a', 'Plex', 'up'), entry('b', 'NAS', 'down')]);
    expect(service.level).toBe('down');
    bus.emit('health:entries-removed', { ids: ['b'] });
    expect(service.level).toBe('ok');
    expect(item(tray().menu, 'entry:b')).toBeUndefined();
  });

  it('stops listening and destroys the tray on dispose', () => {
    const { bus, tray, service, panel } = setup();
    service.dispose();
    service.dispose();
    expect(tray().destroyed).toBe(true);
    expect(bus.listenerCount('health:entry-changed') + bus.listenerCount('health:entries-removed')).toBe(0);
    expect(panel.listeners.size).toBe(0);
    bus.emit('health:entry-changed', entry('a', 'Plex', 'down'));
    expect(tray().image).toBe('tray-ok-dark.png');
  });

  it('shows how many downloads run and pauses or resumes them all, following downloads:queue-changed', () => {
    const onPauseAll = vi.fn();
    const { tray, bus } = setup([entry('service:plex', 'Plex', 'up')], { initial: { running: 2, queued: 1, paused: false }, onPauseAll });
    const labels = (): (string | undefined)[] => tray().menu.map((each) => each.label ?? each.type);
    expect(labels()).toEqual(['Show MediaNest', 'separator', 'Plex is working', 'Plex: working', 'separator', '2 downloads running, 1 waiting', 'Pause all downloads', 'separator', 'Quit MediaNest']);
    expect(item(tray().menu, 'downloads')?.enabled).toBe(false);
    expect(tray().tooltip).toBe('MediaNest: Plex is working · 2 downloads running, 1 waiting');
    item(tray().menu, 'downloads-pause')!.click!();
    expect(onPauseAll).toHaveBeenLastCalledWith(true);

    bus.emit('downloads:queue-changed', { running: 0, queued: 3, paused: true });
    expect(item(tray().menu, 'downloads')?.label).toBe('Downloads paused, 3 waiting');
    expect(item(tray().menu, 'downloads-pause')).toBeUndefined();
    expect(tray().tooltip).toBe('MediaNest: Plex is working');
    item(tray().menu, 'downloads-resume')!.click!();
    expect(onPauseAll).toHaveBeenLastCalledWith(false);

    bus.emit('downloads:queue-changed', { running: 1, queued: 0, paused: false });
    expect(item(tray().menu, 'downloads')?.label).toBe('One download running');
  });

  it('words the counters', () => {
    expect(downloadsLine({ running: 0, queued: 0, paused: false })).toBe('No downloads running');
    expect(downloadsLine({ running: 0, queued: 1, paused: false })).toBe('1 download waiting');
    expect(downloadsLine({ running: 0, queued: 0, paused: true })).toBe('Downloads paused');
  });
});
