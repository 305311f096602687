import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SyncProgress } from '../../../../shared/contract/areas/plex';
import { startPlexSimPair, type PlexSimPair } from './simulator/plex-sim-pair';
import { createPlexSyncer } from './plex-sync';
import { directPmsClient, indexSnapshot, openTestIndex, type TestIndex } from './plex-test-support';

const SIZE = 10_000;

describe('library sync against the simulator', () => {
  let sim: PlexSimPair;
  let index: TestIndex;
  beforeEach(async () => {
    sim = await startPlexSimPair({ pms: { sections: [{ key: '1', title: 'Movies', type: 'movie', size: SIZE }] } });
    index = openTestIndex();
  });
  afterEach(async () => {
    index.close();
    await sim.close();
  });

  const syncer = (target: TestIndex, onProgress?: (progress: SyncProgress) => void) =>
    createPlexSyncer({ client: directPmsClient(sim.pmsUrl, sim.serverToken), writer: target.writer, pageSize: 1_000, ...(onProgress ? { onProgress } : {}) });

  it('syncs 10,000 items, skips an unchanged section, then fetches only changes plus one key-only pass and ends like a full sync', async () => {
    const events: SyncProgress[] = [];
    const first = await syncer(index, (progress) => events.push(progress)).run();
    expect(first).toEqual([expect.objectContaining({ mode: 'full', fetched: SIZE, written: SIZE, fullReason: 'first' })]);
    expect(index.writer.count('1')).toBe(SIZE);
    expect(sim.pms.control.itemPageRequests({ keysOnly: false })).toHaveLength(SIZE / 1_000);
    // Progress counts up to the total and ends done.
    const running = events.filter((event) => event.phase === 'full');
    expect(running.at(-1)).toMatchObject({ done: SIZE, total: SIZE });
    expect(events.at(-1)).toMatchObject({ state: 'done', total: SIZE });

    sim.pms.control.clearRequests();
    const unchanged = await syncer(index).run();
    expect(unchanged).toEqual([expect.objectContaining({ mode: 'unchanged', fetched: 0 })]);
    expect(sim.pms.control.itemPageRequests()).toHaveLength(0);
    expect(sim.pms.control.requests.map((request) => request.path)).toEqual(['/library/sections']);

    const changed = sim.pms.control.changeItems('1', 10);
    const deleted = sim.pms.control.deleteItems('1', 3);
    sim.pms.control.clearRequests();
    const incremental = await syncer(index).run();
    expect(incremental).toEqual([expect.objectContaining({ mode: 'changes', fetched: 10, written: 10, deleted: 3 })]);
    expect(incremental[0]!.fullReason).toBeUndefined();
    expect(sim.pms.control.itemPageRequests({ keysOnly: false })).toHaveLength(1);
    expect(sim.pms.control.itemPageRequests({ keysOnly: true })).toHaveLength(1);
    expect(index.writer.count('1')).toBe(SIZE - 3);
    for (const key of deleted) expect(index.reader.details(key)).toBeUndefined();
    expect(index.reader.details(changed[0]!)?.title).toMatch(/\(Extended Edition\)$/);

    const fresh = openTestIndex();
    try {
      await syncer(fresh).run();
      expect(indexSnapshot(index.db)).toEqual(indexSnapshot(fresh.db));
    } finally {
      fresh.close();
    }
  });

  it('falls back to a full pass when the server ignores the updatedAt filter', async () => {
    await syncer(index).run();
    sim.pms.control.setIgnoreUpdatedAtFilter(true);
    sim.pms.control.changeItems('1', 2);
    sim.pms.control.clearRequests();
    const result = await syncer(index).run();
    expect(result).toEqual([expect.objectContaining({ mode: 'full', fullReason: 'filter-ignored', fetched: SIZE, written: 2 })]);
    expect(sim.pms.control.itemPageRequests({ keysOnly: false })).toHaveLength(SIZE / 1_000);
  });

  it('uses the other spelling when only python-plexapi’s `>>` filters', async () => {
    await syncer(index).run();
    sim.pms.control.setHonouredOperators(['>>']);
    sim.pms.control.changeItems('1', 4);
    const result = await syncer(index).run();
    expect(result).toEqual([expect.objectContaining({ mode: 'changes', fetched: 4 })]);
    expect(index.writer.syncState('1')?.filterSpelling).toBe('>>');
  });

  it('stops on cancel between pages and reports it', async () => {
    const controller = new AbortController();
    const events: SyncProgress[] = [];
    const run = syncer(index, (progress) => {
      events.push(progress);
      if (progress.phase === 'full' && progress.done >= 2_000) controller.abort();
    }).run({ signal: controller.signal });
    await expect(run).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(events.at(-1)).toMatchObject({ state: 'cancelled' });
    expect(index.writer.count('1')).toBeLessThan(SIZE);
  });
});
