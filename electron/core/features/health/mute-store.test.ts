import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DATA_DB_FILE, openDataDb } from '../../db/databases';
import { createSqliteMuteStore } from './mute-store';

const HOUR = 3_600_000;
const T = Date.UTC(2026, 11, 1, 12);

describe('SQLite mute store', () => {
  it('keeps a mute across a restart of medianest.db, and forgets it once it ends', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'medianest-mutes-')), DATA_DB_FILE);
    const first = openDataDb(file);
    createSqliteMuteStore(first).set('service:plex-tv', T + 4 * HOUR);
    createSqliteMuteStore(first).set('kuma:3', T + HOUR);
    first.close();

    const reopened = openDataDb(file);
    try {
      const mutes = createSqliteMuteStore(reopened);
      expect(mutes.get('service:plex-tv', T)).toBe(T + 4 * HOUR);
      expect(mutes.get('service:plex', T)).toBeNull();
      expect(mutes.get('kuma:3', T + HOUR)).toBeNull();
      expect(reopened.prepare('SELECT entry_id FROM health_mutes').all()).toEqual([{ entry_id: 'service:plex-tv' }]);
      mutes.set('service:plex-tv', null);
      expect(createSqliteMuteStore(reopened).get('service:plex-tv', T)).toBeNull();
    } finally {
      reopened.close();
    }
  });
});
