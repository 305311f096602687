import { describe, expect, it } from 'vitest';
import type { ServiceHealth } from '../../../../shared/contract/areas/health';
import { serviceLabel } from '../../../../shared/contract/services';
import { fakeHealth } from '../../testing/fake-transport';
import { healthSummaryText, worstHealth } from './health-summary';

const name = serviceLabel;

function of(...entries: ServiceHealth[]): Partial<Record<string, ServiceHealth>> {
  return Object.fromEntries(entries.map((entry) => [entry.upstream, entry]));
}

describe('worstHealth', () => {
  it('is the worst state among watched services', () => {
    const health = of(fakeHealth('plex', { status: 'healthy' }), fakeHealth('overseerr', { status: 'degraded' }), fakeHealth('uptime-kuma', { status: 'unhealthy' }));
    expect(worstHealth(health)).toBe('unhealthy');
    expect(healthSummaryText(health, name)).toBe('Uptime Kuma is down');
  });

  it('ignores services that are turned off or not set up', () => {
    const health = of(
      fakeHealth('plex', { status: 'healthy' }),
      fakeHealth('overseerr', { status: 'unhealthy', enabled: false }),
      fakeHealth('uptime-kuma', { status: 'unhealthy', configured: false }),
    );
    expect(worstHealth(health)).toBe('healthy');
    expect(healthSummaryText(health, name)).toBe('All services are healthy');
  });

  it('is null when nothing is watched, and names every service with problems', () => {
    expect(worstHealth({})).toBeNull();
    expect(healthSummaryText(of(fakeHealth('plex', { enabled: false })), name)).toBeNull();
    const slow = of(fakeHealth('plex', { status: 'degraded' }), fakeHealth('overseerr', { status: 'degraded' }));
    expect(worstHealth(slow)).toBe('degraded');
    expect(healthSummaryText(slow, name)).toBe('Plex, Overseerr have problems');
  });

  it('names each upstream on its own: plex.tv down while Plex’s server is fine', () => {
    const health = of(fakeHealth('plex', { status: 'healthy' }), fakeHealth('plex-tv', { status: 'unhealthy' }));
    expect(worstHealth(health)).toBe('unhealthy');
    expect(healthSummaryText(health, name)).toBe('plex.tv is down');
  });
});
