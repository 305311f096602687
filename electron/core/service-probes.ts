/**
 * Every upstream's health probe, each from its service's feature folder, as
 * the one probe factory the health monitor and "Test" run. An upstream added
 * to the service table without a probe here does not compile.
 */
import { createOverseerrProbe } from './features/overseerr/overseerr-probe';
import { createPlexProbe } from './features/plex/plex-probe';
import { createPlexTvProbe } from './features/plex/plex-tv-probe';
import { createUptimeKumaProbe } from './features/uptime-kuma/uptime-kuma-probe';
import { probeByService } from './health/probe';

export const serviceProbes = probeByService({
  plex: createPlexProbe,
  'plex-tv': createPlexTvProbe,
  overseerr: createOverseerrProbe,
  'uptime-kuma': createUptimeKumaProbe,
});
