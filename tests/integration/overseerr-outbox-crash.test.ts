/**
 * Exactly once across a crash: a core in a child process is killed with
 * SIGKILL in the middle of draining its outbox (right after Overseerr stored
 * a request, before the answer reached the core), started again on the same
 * data, and the simulator ends up with each of the 100 requests once.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOverseerrSimulator, type OverseerrSimulator } from '../../electron/core/features/overseerr/overseerr-simulator';
import { MOVIE_BASE } from '../../electron/core/features/overseerr/simulator/sim-catalogue';
import { startFeatureLab } from '../../electron/core/features/overseerr/overseerr-test-kit';
import { startJsonLinesChild, type JsonLinesChild } from '../support/json-lines-child';

const KEY = 'crash-test-key';

type Child = JsonLinesChild;

const startChild = (dataDir: string, url: string, count: number): Child => startJsonLinesChild('overseerr-crash-child.ts', [dataDir, url, KEY, String(count)], 15_000);

function countsByTitle(simulator: OverseerrSimulator): Map<number, number> {
  const counts = new Map<number, number>();
  for (const request of simulator.control.requestsJson()) {
    const tmdbId = (request.media as { tmdbId: number }).tmdbId;
    counts.set(tmdbId, (counts.get(tmdbId) ?? 0) + 1);
  }
  return counts;
}

describe('outbox across a SIGKILL', () => {
  let simulator: OverseerrSimulator;
  let dataDir: string;
  beforeAll(async () => {
    simulator = await createOverseerrSimulator({ apiKey: KEY });
    dataDir = mkdtempSync(join(tmpdir(), 'medianest-outbox-crash-'));
  });
  afterAll(async () => {
    await simulator.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('sends each of 100 requests exactly once when the core is killed mid-drain and restarted', async () => {
    await simulator.control.pause();
    const first = startChild(dataDir, simulator.url, 100);
    await first.waitForLine((line) => line.type === 'ready');
    expect(simulator.control.requestsJson()).toHaveLength(0);

    // Kill the core the moment Overseerr has stored the 40th request, before its answer leaves.
    let stored = 0;
    const stop = simulator.control.onRequestStored(() => {
      if (++stored === 40) first.process.kill('SIGKILL');
    });
    await simulator.control.resume();
    expect(await first.exited).toBe('SIGKILL');
    stop();
    expect(simulator.control.requestsJson().length).toBe(40);

    const second = startChild(dataDir, simulator.url, 0);
    await second.waitForLine((line) => line.type === 'progress' && line.total === 100 && line.waiting === 0);
    second.process.kill('SIGTERM');
    await second.exited;

    const counts = countsByTitle(simulator);
    expect(counts.size).toBe(100);
    expect([...counts.entries()].filter(([, count]) => count !== 1)).toEqual([]);
    expect([...counts.keys()].sort((a, b) => a - b)).toEqual(Array.from({ length: 100 }, (_, i) => MOVIE_BASE + i + 1));
    // The restarted core looked for the 40th before it posted anything: one POST per title in all.
    expect(simulator.control.requests.filter((request) => request.method === 'POST' && request.path === '/api/v1/request')).toHaveLength(100);

    const db = new Database(join(dataDir, 'medianest.db'), { readonly: true });
    try {
      const rows = db.prepare("SELECT COUNT(*) AS n, COUNT(DISTINCT overseerr_id) AS ids FROM overseerr_requests WHERE phase = 'sent'").get() as { n: number; ids: number };
      expect(rows).toEqual({ n: 100, ids: 100 });
      expect(db.prepare('SELECT COUNT(*) AS n FROM overseerr_outbox').get()).toEqual({ n: 0 });
    } finally {
      db.close();
    }
  }, 40_000);

  it('sends each of 100 requests exactly once when Overseerr times out after storing one of them', async () => {
    const lab = await startFeatureLab();
    try {
      await lab.simulator.control.pause();
      for (let i = 1; i <= 100; i++) await lab.feature.handlers['overseerr:request']({ mediaType: 'movie', tmdbId: MOVIE_BASE + i, is4k: false });
      let stored = 0;
      let thirtiethLinkedBeforeNext: boolean | undefined;
      lab.simulator.control.onRequestStored(() => {
        stored++;
        // The 30th is stored, then its answer never comes: the core's attempt times out.
        if (stored === 30) lab.simulator.control.setFault({ kind: 'store-then-hang' });
        if (stored === 31) {
          // The outbox only goes on once it found the 30th in Overseerr and linked it.
          thirtiethLinkedBeforeNext = lab.feature.store.byMedia('movie', MOVIE_BASE + 30)[0]?.phase === 'sent';
          lab.simulator.control.setFault(undefined);
        }
      });
      await lab.simulator.control.resume();
      lab.bus.emit('service:up', { upstream: 'overseerr', service: 'overseerr', at: Date.now() });
      const deadline = Date.now() + 15_000;
      while (lab.feature.store.outboxSize() > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
      expect(thirtiethLinkedBeforeNext).toBe(true);
      const counts = countsByTitle(lab.simulator);
      expect(counts.size).toBe(100);
      expect([...counts.values()].every((count) => count === 1)).toBe(true);
    } finally {
      await lab.dispose();
    }
  }, 30_000);
});
