import { describe, expect, it } from 'vitest';
import type { EntryState } from './health-entries';
import { summarizeEntries } from './health-summary';

const at = (name: string, state: EntryState, since: number | null = null) => ({ name, state, since });
const time = (ms: number): string => new Date(ms).toISOString().slice(11, 16);

describe('summarizeEntries', () => {
  it.each<[string, ReturnType<typeof at>[], string | null, string]>([
    ['nothing set up', [at('Plex', 'off')], null, 'No services set up yet'],
    ['all working', [at('Plex', 'up'), at('NAS', 'up'), at('Router', 'up')], 'ok', 'All 3 services are working'],
    ['one working', [at('Plex', 'up'), at('Overseerr', 'off')], 'ok', 'Plex is working'],
    ['maintenance is working', [at('Plex', 'up'), at('Backup', 'maintenance')], 'ok', 'All 2 services are working (1 in planned maintenance)'],
    ['one down since', [at('Plex', 'up'), at('NAS', 'down', Date.UTC(2026, 0, 1, 14, 2))], 'down', 'NAS is down since 14:02'],
    ['one down, unknown since', [at('NAS', 'down')], 'down', 'NAS is down'],
    ['each Plex upstream by its own name', [at('Plex', 'up'), at('plex.tv', 'down', Date.UTC(2026, 0, 1, 9, 5))], 'down', 'plex.tv is down since 09:05'],
    ['several down', [at('Plex', 'down'), at('NAS', 'down'), at('Router', 'down')], 'down', '3 services are down: Plex, NAS and Router'],
    ['pending is trouble', [at('Plex', 'up'), at('Printer', 'pending')], 'degraded', 'Printer is having trouble'],
    ['unknown is neither', [at('Plex', 'up'), at('Future', 'unknown')], 'ok', 'Plex is working; 1 not known yet'],
    ['only unknown', [at('Plex', 'unknown')], null, 'Checking services…'],
  ])('%s', (_name, entries, level, text) => {
    expect(summarizeEntries(entries, time)).toEqual({ level, text });
  });
});
