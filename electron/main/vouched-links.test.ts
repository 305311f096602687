import { describe, expect, it } from 'vitest';
import type { HealthEntry } from '../../shared/contract/areas/health-entries';
import { createEventBus } from '../core/events/event-bus';
import type { CoreEvents } from '../core/events/core-events';
import { createVouchedLinks } from './vouched-links';

const entry = (id: string, openUrl: string | null): HealthEntry => ({
  id, source: 'uptime-kuma', service: null, upstream: null, name: id, group: 'G', state: 'up', since: null, lastCheckedAt: null, responseTimeMs: null, uptime24h: null, detail: null, error: null, recent: [], openUrl, mutedUntil: null,
});

describe('vouched links', () => {
  it('opens only the addresses on current health entries', () => {
    const bus = createEventBus<CoreEvents>();
    const links = createVouchedLinks(bus, [entry('service:plex', 'http://plex.lan:32400/web')]);
    expect(links.isVouched('http://plex.lan:32400/web')).toBe(true);
    expect(links.isVouched('http://evil.example/')).toBe(false);
    bus.emit('health:entry-changed', entry('kuma:3', 'http://nas.lan/'));
    expect(links.isVouched('http://nas.lan/')).toBe(true);
    bus.emit('health:entry-changed', entry('kuma:3', 'javascript:alert(1)'));
    expect(links.isVouched('http://nas.lan/')).toBe(false);
    expect(links.isVouched('javascript:alert(1)')).toBe(false);
    bus.emit('health:entries-removed', { ids: ['service:plex'] });
    expect(links.isVouched('http://plex.lan:32400/web')).toBe(false);
    links.dispose();
    expect(bus.listenerCount('health:entry-changed')).toBe(0);
  });

  it("opens finished downloads' Open in Plex addresses, and forgets removed ones", () => {
    const bus = createEventBus<CoreEvents>();
    const links = createVouchedLinks(bus, [], [{ id: 'old', openUrl: 'https://app.plex.tv/desktop#!/old' }]);
    expect(links.isVouched('https://app.plex.tv/desktop#!/old')).toBe(true);
    bus.emit('downloads:ready', { id: 'new', title: 'Harbour walks', openUrl: 'https://app.plex.tv/desktop#!/new' });
    expect(links.isVouched('https://app.plex.tv/desktop#!/new')).toBe(true);
    bus.emit('downloads:ready', { id: 'bad', title: 'Bad', openUrl: 'file:///etc/passwd' });
    expect(links.isVouched('file:///etc/passwd')).toBe(false);
    bus.emit('downloads:job-removed', { id: 'old' });
    expect(links.isVouched('https://app.plex.tv/desktop#!/old')).toBe(false);
    links.dispose();
    expect(bus.listenerCount('downloads:ready')).toBe(0);
  });
});
