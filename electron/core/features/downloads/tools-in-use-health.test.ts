import { describe, expect, it } from 'vitest';
import { createUpdateEmitter, type HealthSource, type SourceEntry, type SourceUpdate } from '../../health/health-source';
import { toolsInUseHealth } from './tools-in-use-health';

const card = (state: SourceEntry['state']): SourceEntry => ({
  id: 'downloads:yt-dlp',
  source: 'downloads',
  service: null,
  upstream: null,
  name: 'yt-dlp',
  group: 'Downloads',
  state,
  since: 1,
  lastCheckedAt: 1,
  responseTimeMs: null,
  uptime24h: null,
  detail: 'Version 2023.03.04',
  error: state === 'degraded' ? 'Too old for YouTube' : null,
  recent: [],
  openUrl: null,
});

describe('tool cards while downloads are not set up', () => {
  it('shows them off (no alerts) until downloads can be used, then as the tools say', async () => {
    const emitter = createUpdateEmitter();
    let entries = [card('degraded')];
    const tools: HealthSource = { name: 'downloads', entries: () => entries, checkNow: async () => undefined, subscribe: emitter.subscribe };
    let reason: string | null = 'Not in use until a library is chosen.';
    const changes = new Set<() => void>();
    const source = toolsInUseHealth({ tools, notInUse: () => reason, onChange: (listener) => (changes.add(listener), () => changes.delete(listener)) });
    const updates: SourceUpdate[] = [];
    source.subscribe((update) => updates.push(update));

    expect(source.entries()).toMatchObject([{ state: 'off', detail: 'Version 2023.03.04 · Not in use until a library is chosen.', error: null }]);
    emitter.emit({ changed: entries, removed: [], observations: [{ id: 'downloads:yt-dlp', name: 'yt-dlp', state: 'degraded', at: 2 }] });
    expect(updates.at(-1)).toMatchObject({ changed: [{ state: 'off' }], observations: [{ state: 'off' }] });

    reason = null;
    for (const listener of changes) listener();
    expect(updates.at(-1)).toMatchObject({ changed: [{ state: 'degraded', detail: 'Version 2023.03.04', error: 'Too old for YouTube' }], observations: [] });
    entries = [card('up')];
    emitter.emit({ changed: entries, removed: [], observations: [{ id: 'downloads:yt-dlp', name: 'yt-dlp', state: 'up', at: 3 }] });
    expect(updates.at(-1)).toMatchObject({ changed: [{ state: 'up' }], observations: [{ state: 'up' }] });
    const count = updates.length;
    for (const listener of changes) listener();
    expect(updates).toHaveLength(count);
    source.dispose();
    expect(changes.size).toBe(0);
  });
});
