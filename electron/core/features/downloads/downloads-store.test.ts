import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDataDb } from '../../db/databases';
import { migrate, openDatabase } from '../../db/database';
import { dataMigrations } from '../../db/data-migrations';
import { createDownloadsStore } from './downloads-store';

const failure = { kind: 'network', message: 'The site could not be reached.', advice: 'Try again later.', transient: true, detail: null } as const;
const progress = { downloadedBytes: 10, totalBytes: 100, estimated: false, percent: 10, speed: 5, eta: 18, phase: 'downloading', fragmentIndex: null, fragmentCount: null } as const;

describe('downloads store', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('keeps jobs in the order they were added, with their items, progress and failure', () => {
    const store = createDownloadsStore(openDataDb(':memory:'));
    const first = store.insert({ url: 'https://example.com/a', quality: 'best', sectionKey: '3', sectionTitle: 'Downloads' });
    const second = store.insert({ url: 'https://example.com/b', quality: 'audio', sectionKey: '3', sectionTitle: 'Downloads' });
    expect(first.state).toBe('queued');
    expect(first.title).toBe('https://example.com/a');
    store.setItems(second.id, [
      { index: 0, title: 'One', url: 'https://example.com/1', videoId: 'v1' },
      { index: 1, title: 'Two', url: 'https://example.com/2', videoId: null },
    ]);
    store.updateItem(second.id, 1, { state: 'completed', file: '/lib/Two.mp4', ratingKey: '42', percent: 100 });
    store.update(second.id, { kind: 'playlist', title: 'List', state: 'failed', failure, progress, pgid: 1234, attempts: 2, collection: { ratingKey: '9', title: 'List' } });
    const jobs = store.list();
    expect(jobs.map((job) => job.id)).toEqual([first.id, second.id]);
    expect(store.inState('queued').map((job) => job.id)).toEqual([first.id]);
    expect(store.inState('failed').map((job) => job.items.length)).toEqual([2]);
    expect(store.countStates()).toEqual({ queued: 1, failed: 1 });
    const read = jobs[1]!;
    expect(read).toMatchObject({ kind: 'playlist', title: 'List', state: 'failed', failure, progress, pgid: 1234, attempts: 2, collection: { ratingKey: '9', title: 'List' }, quality: 'audio' });
    expect(read.items.map((item) => [item.index, item.title, item.state, item.file, item.ratingKey])).toEqual([
      [0, 'One', 'queued', null, null],
      [1, 'Two', 'completed', '/lib/Two.mp4', '42'],
    ]);
    store.update(second.id, { pgid: null, failure: null });
    expect(store.get(second.id)).toMatchObject({ pgid: null, failure: null });
    expect(store.remove(second.id)).toBe(true);
    expect(store.get(second.id)).toBeUndefined();
    expect(store.list()).toHaveLength(1);
  });

  it('drops a JSON column it cannot read instead of failing the whole queue', () => {
    const db = openDataDb(':memory:');
    const store = createDownloadsStore(db);
    const job = store.insert({ url: 'https://example.com/a', quality: 'best', sectionKey: '3', sectionTitle: 'Downloads' });
    db.prepare('UPDATE download_jobs SET progress = ?, failure = ? WHERE id = ?').run('{"not":"progress"}', 'not json', job.id);
    expect(store.get(job.id)).toMatchObject({ progress: null, failure: null, state: 'queued' });
  });

  it('keeps the paused flag', () => {
    const store = createDownloadsStore(openDataDb(':memory:'));
    expect(store.getMeta('paused')).toBeUndefined();
    store.setMeta('paused', '1');
    store.setMeta('paused', '0');
    expect(store.getMeta('paused')).toBe('0');
  });

  it('reads a job stored by this version back after a later migration adds columns', () => {
    const dir = mkdtempSync(join(tmpdir(), 'medianest-downloads-store-'));
    dirs.push(dir);
    const file = join(dir, 'medianest.db');
    const db = openDatabase({ file, migrations: dataMigrations, synchronous: 'FULL' });
    const job = createDownloadsStore(db).insert({ url: 'https://example.com/a', quality: '720p', sectionKey: '3', sectionTitle: 'Downloads' });
    createDownloadsStore(db).update(job.id, { state: 'running', pgid: 77 });
    db.close();
    const next = [
      ...dataMigrations,
      {
        version: 1000,
        name: 'a later version',
        up: (later: Parameters<(typeof dataMigrations)[number]['up']>[0]) => {
          later.exec("ALTER TABLE download_jobs ADD COLUMN priority INTEGER NOT NULL DEFAULT 0");
          later.exec("ALTER TABLE download_items ADD COLUMN subtitles TEXT NOT NULL DEFAULT ''");
        },
      },
    ];
    const reopened = openDatabase({ file, migrations: next });
    expect(migrate(reopened, next)).toEqual([]);
    const store = createDownloadsStore(reopened);
    expect(store.get(job.id)).toMatchObject({ url: 'https://example.com/a', quality: '720p', state: 'running', pgid: 77 });
    // And writes still work with the new columns' defaults.
    const added = store.insert({ url: 'https://example.com/b', quality: 'best', sectionKey: '3', sectionTitle: 'Downloads' });
    store.setItems(added.id, [{ index: 0, title: 'B', url: 'https://example.com/b', videoId: null }]);
    expect(store.list().map((stored) => stored.items.length)).toEqual([0, 1]);
    reopened.close();
  });
});
