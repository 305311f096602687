import { describe, expect, it } from 'vitest';
import { createLocalPlayback, normaliseAddress } from './plex-playback';
import type { PlayingSession } from './pms-client';

const OWN = ['127.0.0.1', '::1', '192.168.1.20', 'fe80::1c2d:3e4f%eth0'];

function playback(sessions: readonly Partial<PlayingSession>[] | null, serverUri = 'http://192.168.1.10:32400', online = true) {
  let asked = 0;
  const subject = createLocalPlayback({
    sessions: async () => {
      asked += 1;
      return sessions === null ? null : sessions.map((session) => ({ ratingKey: '1', title: 'A film', state: 'playing', address: null, ...session }));
    },
    serverUri: () => serverUri,
    online: () => online,
    localAddresses: () => OWN,
  });
  return { isPlaying: () => subject.isPlayingLocally(), asked: () => asked };
}

describe('is this machine playing something in Plex', () => {
  it('counts a player at one of this machine’s addresses while playing or buffering, not while paused', async () => {
    expect(await playback([{ address: '192.168.1.20', state: 'playing' }]).isPlaying()).toBe(true);
    expect(await playback([{ address: '192.168.1.20', state: 'buffering' }]).isPlaying()).toBe(true);
    expect(await playback([{ address: '192.168.1.20', state: 'paused' }]).isPlaying()).toBe(false);
    expect(await playback([{ address: '::ffff:192.168.1.20', state: 'playing' }]).isPlaying()).toBe(true);
    expect(await playback([{ address: 'FE80::1C2D:3E4F', state: 'playing' }]).isPlaying()).toBe(true);
  });

  it('does not count players elsewhere, or sessions without an address', async () => {
    expect(await playback([{ address: '192.168.1.33' }, { address: '203.0.113.7' }, { address: null }]).isPlaying()).toBe(false);
    expect(await playback([]).isPlaying()).toBe(false);
  });

  it('counts a loopback player only when the server runs on this machine', async () => {
    const loopback = [{ address: '127.0.0.1' }];
    expect(await playback(loopback, 'http://127.0.0.1:32400').isPlaying()).toBe(true);
    expect(await playback(loopback, 'http://192.168.1.20:32400').isPlaying()).toBe(true);
    expect(await playback(loopback, 'https://192-168-1-20.0123456789abcdef.plex.direct:32400').isPlaying()).toBe(true);
    // The server is the NAS: a player on 127.0.0.1 is on the NAS, not here.
    expect(await playback(loopback, 'http://192.168.1.10:32400').isPlaying()).toBe(false);
    expect(await playback(loopback, 'http://nas.local:32400').isPlaying()).toBe(false);
  });

  it('cannot tell (no) when the token may not read sessions, when Plex is offline or when no server is linked', async () => {
    expect(await playback(null).isPlaying()).toBe(false);
    const offline = playback([{ address: '192.168.1.20' }], 'http://192.168.1.10:32400', false);
    expect(await offline.isPlaying()).toBe(false);
    expect(offline.asked()).toBe(0);
    const unlinked = createLocalPlayback({ sessions: async () => [], serverUri: () => undefined, online: () => true });
    expect(await unlinked.isPlayingLocally()).toBe(false);
  });

  it('normalises the spellings of one address', () => {
    expect(['::ffff:10.0.0.5', '[::1]', 'FE80::1%wlan0', ' 10.0.0.5 '].map(normaliseAddress)).toEqual(['10.0.0.5', '::1', 'fe80::1', '10.0.0.5']);
  });
});
