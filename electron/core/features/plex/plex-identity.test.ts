import { describe, expect, it } from 'vitest';
import { loadPlexIdentity, plexHeaders, type ClientIdentifierStore } from './plex-identity';

function memoryStore(initial?: string): ClientIdentifierStore & { writes: string[] } {
  let value = initial;
  const writes: string[] = [];
  return {
    writes,
    read: () => value,
    write(next) {
      writes.push(next);
      value = next;
    },
  };
}

describe('Plex identity', () => {
  it('makes the identifier once, stores it, and reuses it on every later start', () => {
    const store = memoryStore();
    let made = 0;
    const makeId = () => `id-${++made}`;
    const first = loadPlexIdentity({ store, version: '1.0.0', makeId });
    const second = loadPlexIdentity({ store, version: '1.0.1', makeId });
    expect([first.clientIdentifier, second.clientIdentifier]).toEqual(['id-1', 'id-1']);
    expect(store.writes).toEqual(['id-1']);
  });

  it('keeps a stored identifier as it is', () => {
    const store = memoryStore('kept-0000');
    expect(loadPlexIdentity({ store, version: '1' }).clientIdentifier).toBe('kept-0000');
    expect(store.writes).toEqual([]);
  });

  it('still answers when the identifier cannot be stored, and says so', () => {
    const failures: unknown[] = [];
    const identity = loadPlexIdentity({
      store: { read: () => undefined, write: () => { throw new Error('read-only disk'); } },
      version: '1',
      makeId: () => 'made-1234',
      onStoreFailed: (error) => failures.push(error),
    });
    expect(identity.clientIdentifier).toBe('made-1234');
    expect(failures).toHaveLength(1);
  });

  it('builds the headers plex.tv and Plex Media Server expect', () => {
    const identity = loadPlexIdentity({ store: memoryStore('abc-12345'), version: '2.3.4', platform: 'win32' });
    expect(plexHeaders(identity)).toEqual({
      'X-Plex-Client-Identifier': 'abc-12345',
      'X-Plex-Product': 'MediaNest',
      'X-Plex-Version': '2.3.4',
      'X-Plex-Platform': 'Windows',
      'X-Plex-Device': 'Windows',
    });
  });
});
