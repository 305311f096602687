import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gateSystemSuite, SYSTEM_PROGRAMS } from '../../../../../tests/support/system-deps';
import { createMediaSimulator, type MediaSimulator } from './media-simulator';

const { skip } = gateSystemSuite('media simulator', SYSTEM_PROGRAMS.ffmpeg);

describe.skipIf(skip)('media simulator', () => {
  let sim: MediaSimulator;
  beforeAll(async () => {
    sim = await createMediaSimulator({
      cacheDir: join(process.cwd(), '.cache', 'media-clips'),
      clips: [{ name: 'first', seconds: 2, title: 'First & best' }, { name: 'second', seconds: 2 }],
      playlists: [{ name: 'channel', title: 'Demo <Channel>', clips: ['second', 'first'] }],
    });
  });
  afterAll(() => sim?.close());

  it('serves an mp4 with its length, type and date', async () => {
    const response = await fetch(sim.videoUrl('first'));
    const body = Buffer.from(await response.arrayBuffer());
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('video/mp4');
    expect(Number(response.headers.get('content-length'))).toBe(body.length);
    expect(body.length).toBe(sim.control.clipBytes('first'));
    expect(body.length).toBeGreaterThan(50_000);
    expect(body.subarray(4, 8).toString('latin1')).toBe('ftyp');
    expect(response.headers.get('last-modified')).toBe(new Date(Date.UTC(2026, 10, 1, 12)).toUTCString());
  });

  it('makes a different clip per name', async () => {
    const [a, b] = await Promise.all(['first', 'second'].map(async (name) => Buffer.from(await (await fetch(sim.videoUrl(name))).arrayBuffer())));
    expect(a!.equals(b!)).toBe(false);
  });

  it('answers byte ranges so a download can resume, and refuses one past the end', async () => {
    const whole = Buffer.from(await (await fetch(sim.videoUrl('first'))).arrayBuffer());
    const tail = await fetch(sim.videoUrl('first'), { headers: { range: 'bytes=1000-' } });
    expect(tail.status).toBe(206);
    expect(tail.headers.get('content-range')).toBe(`bytes 1000-${whole.length - 1}/${whole.length}`);
    expect(Buffer.from(await tail.arrayBuffer()).equals(whole.subarray(1000))).toBe(true);
    const past = await fetch(sim.videoUrl('first'), { headers: { range: `bytes=${whole.length}-` } });
    expect(past.status).toBe(416);
    expect(sim.control.requests.some((request) => request.headers.range === 'bytes=1000-')).toBe(true);
  });

  it('throttles to about the rate asked', async () => {
    sim.control.setThrottle(400_000);
    try {
      const started = performance.now();
      const response = await fetch(sim.videoUrl('first'));
      const reader = response.body!.getReader();
      let received = 0;
      let chunks = 0;
      for (let part = await reader.read(); !part.done; part = await reader.read()) {
        received += part.value.length;
        chunks += 1;
      }
      expect(received).toBe(sim.control.clipBytes('first'));
      // Many small writes rather than one, and not much faster than the rate (a lower bound only: the machine may be slow).
      expect(chunks).toBeGreaterThan(5);
      expect(performance.now() - started).toBeGreaterThanOrEqual((received / 400_000) * 1000 * 0.7);
    } finally {
      sim.control.setThrottle(null);
    }
  });

  it('serves a playlist as RSS with enclosures in order and the channel title', async () => {
    const response = await fetch(sim.playlistUrl('channel'));
    const xml = await response.text();
    expect(response.headers.get('content-type')).toContain('application/rss+xml');
    expect(xml).toContain('<channel><title>Demo &lt;Channel&gt;</title>');
    const enclosures = [...xml.matchAll(/<enclosure url="([^"]+)"/g)].map((match) => match[1]);
    expect(enclosures).toEqual([sim.videoUrl('second'), sim.videoUrl('first')]);
    expect(xml).toContain('<title>First &amp; best</title>');
  });

  it('answers the failures of a real site, fixed or switched on for a clip', async () => {
    expect((await fetch(sim.faultUrl('not-found'))).status).toBe(404);
    expect((await fetch(sim.faultUrl('forbidden'))).status).toBe(403);
    const limited = await fetch(sim.faultUrl('rate-limited'));
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('1');
    const page = await fetch(sim.faultUrl('no-media'));
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect((await fetch(`${sim.url}/videos/unknown.mp4`)).status).toBe(404);
    sim.control.setFault('first', 'forbidden');
    expect((await fetch(sim.videoUrl('first'))).status).toBe(403);
    sim.control.setFault('first', null);
    expect((await fetch(sim.videoUrl('first'))).status).toBe(200);
  });
});
