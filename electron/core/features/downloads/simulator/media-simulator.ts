/**
 * A media site for yt-dlp, simulated for tests, the benchmark and the demo
 * homelab: ffmpeg-made mp4 clips served as `video/mp4` (what yt-dlp's generic
 * extractor takes as a direct video), optionally throttled so progress can
 * be watched and a cancel lands mid-download, with byte ranges so
 * `--continue` resumes; RSS feeds with `<enclosure>` items as playlists; and
 * the failures a real site gives (404, 403, 429, a page without media).
 *
 *   /videos/<name>.mp4       a clip
 *   /playlists/<name>.rss    a playlist: the channel title is its title, items in order
 *   /faults/<fault>          always that failure
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readFile } from 'node:fs/promises';
import { requestPath, sendBody, sendHtml } from '../../../hosting/simulator-replies';
import { startSimulator, type Simulator, type SimulatorControl, type SimulatorHosting } from '../../../hosting/simulator-server';
import { CLIP_NAME, ensureClip } from './media-clips';

export type MediaFault = 'not-found' | 'forbidden' | 'rate-limited' | 'no-media';

export interface MediaClipSpec {
  readonly name: string;
  /** Default 3. */
  readonly seconds?: number;
  /** The item's title in feeds (default the name). */
  readonly title?: string;
  /** Sent as Last-Modified (yt-dlp's upload date of a direct link) and the feed's pubDate; default 1 November 2026 plus the clip's index in days. */
  readonly publishedAt?: number;
}

export interface MediaPlaylistSpec {
  readonly name: string;
  /** The feed's channel title, which yt-dlp gives as the playlist's title. */
  readonly title: string;
  /** Clip names, in playlist order. */
  readonly clips: readonly string[];
}

export interface MediaSimulatorOptions extends SimulatorHosting {
  /** Where clips are made once and kept (e.g. `.cache/media-simulator`). */
  readonly cacheDir: string;
  readonly clips: readonly MediaClipSpec[];
  readonly playlists?: readonly MediaPlaylistSpec[];
  /** Serve clips at about this many bytes per second; default as fast as possible. */
  readonly bytesPerSecond?: number;
  /** Default `ffmpeg` on PATH. */
  readonly ffmpegPath?: string;
}

export interface MediaSimulatorControl {
  /** null: as fast as possible. */
  setThrottle(bytesPerSecond: number | null): void;
  /** Make a clip (or playlist) answer with a failure instead; null serves it again. */
  setFault(name: string, fault: MediaFault | null): void;
  /** The clip's size in bytes. */
  clipBytes(name: string): number;
}

export type MediaSimulator = Simulator<SimulatorControl & MediaSimulatorControl> & {
  videoUrl(name: string): string;
  playlistUrl(name: string): string;
  faultUrl(fault: MediaFault): string;
};

interface LoadedClip {
  readonly spec: MediaClipSpec;
  readonly bytes: Buffer;
  readonly publishedAt: number;
}

const DAY_MS = 86_400_000;
const FIRST_PUBLISHED = Date.UTC(2026, 10, 1, 12);
const TICK_MS = 50;

const FAULTS: readonly MediaFault[] = ['not-found', 'forbidden', 'rate-limited', 'no-media'];

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (char) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[char]!);
}

function sendFault(res: ServerResponse, fault: MediaFault): void {
  switch (fault) {
    case 'not-found':
      return sendHtml(res, 404, '<html><body><h1>404 Not Found</h1></body></html>');
    case 'forbidden':
      return sendHtml(res, 403, '<html><body><h1>403 Forbidden</h1></body></html>');
    case 'rate-limited':
      return sendHtml(res, 429, '<html><body><h1>429 Too Many Requests</h1></body></html>', { 'retry-after': '1' });
    case 'no-media':
      return sendHtml(res, 200, '<!doctype html><html><head><title>Nothing to see</title></head><body><p>No video here.</p></body></html>');
  }
}

/** `bytes=a-b` / `bytes=a-` / `bytes=-n` of `size`, or 'invalid'; undefined without a Range header. */
function rangeOf(header: string | undefined, size: number): { start: number; end: number } | 'invalid' | undefined {
  if (!header) return undefined;
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match || (match[1] === '' && match[2] === '')) return 'invalid';
  if (match[1] === '') {
    const suffix = Number(match[2]);
    return suffix === 0 ? 'invalid' : { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(match[1]);
  const end = match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1);
  return start >= size || end < start ? 'invalid' : { start, end };
}

/** Writes `body` at about `bytesPerSecond()` (read each tick, so a change applies mid-download), stopping if the client goes away. */
function sendThrottled(req: IncomingMessage, res: ServerResponse, body: Buffer, bytesPerSecond: () => number | null): void {
  let offset = 0;
  let timer: NodeJS.Timeout | undefined;
  const stop = () => clearTimeout(timer);
  res.on('close', stop);
  req.on('aborted', stop);
  const tick = () => {
    if (res.destroyed) return;
    const rate = bytesPerSecond();
    const chunk = rate === null ? body.length - offset : Math.max(512, Math.round((rate * TICK_MS) / 1000));
    const slice = body.subarray(offset, Math.min(body.length, offset + chunk));
    offset += slice.length;
    if (offset >= body.length) return void res.end(slice);
    const flushed = res.write(slice);
    const next = () => (timer = setTimeout(tick, rate === null ? 0 : TICK_MS));
    if (flushed) next();
    else res.once('drain', next);
  };
  tick();
}

export async function createMediaSimulator(options: MediaSimulatorOptions): Promise<MediaSimulator> {
  const clips = new Map<string, LoadedClip>();
  for (const [index, spec] of options.clips.entries()) {
    const path = await ensureClip(options.cacheDir, spec, options.ffmpegPath);
    clips.set(spec.name, { spec, bytes: await readFile(path), publishedAt: spec.publishedAt ?? FIRST_PUBLISHED + index * DAY_MS });
  }
  const playlists = new Map((options.playlists ?? []).map((playlist) => [playlist.name, playlist]));
  for (const playlist of playlists.values()) {
    const unknown = playlist.clips.find((name) => !clips.has(name));
    if (unknown) throw new Error(`Playlist ${playlist.name} lists ${unknown}, which is not among the clips`);
  }
  let throttle = options.bytesPerSecond ?? null;
  const faults = new Map<string, MediaFault>();
  let base = '';
  const videoUrl = (name: string) => `${base}/videos/${name}.mp4`;

  const sendClip = (req: IncomingMessage, res: ServerResponse, clip: LoadedClip) => {
    const size = clip.bytes.length;
    const range = rangeOf(req.headers.range, size);
    const common = { 'content-type': 'video/mp4', 'accept-ranges': 'bytes', 'last-modified': new Date(clip.publishedAt).toUTCString() };
    if (range === 'invalid') {
      res.writeHead(416, { ...common, 'content-range': `bytes */${size}`, 'content-length': 0 });
      return void res.end();
    }
    const { start, end } = range ?? { start: 0, end: size - 1 };
    res.writeHead(range ? 206 : 200, {
      ...common,
      'content-length': end - start + 1,
      ...(range ? { 'content-range': `bytes ${start}-${end}/${size}` } : {}),
    });
    if (req.method === 'HEAD') return void res.end();
    sendThrottled(req, res, clip.bytes.subarray(start, end + 1), () => throttle);
  };

  const sendFeed = (res: ServerResponse, playlist: MediaPlaylistSpec) => {
    const items = playlist.clips.map((name) => {
      const clip = clips.get(name)!;
      return [
        '<item>',
        `<title>${escapeXml(clip.spec.title ?? name)}</title>`,
        `<guid isPermaLink="false">${escapeXml(name)}</guid>`,
        `<pubDate>${new Date(clip.publishedAt).toUTCString()}</pubDate>`,
        `<enclosure url="${escapeXml(videoUrl(name))}" length="${clip.bytes.length}" type="video/mp4"/>`,
        '</item>',
      ].join('');
    });
    const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>${escapeXml(playlist.title)}</title><link>${base}/</link><description>${escapeXml(playlist.title)}</description>${items.join('')}</channel></rss>\n`;
    sendBody(res, 200, 'application/rss+xml; charset=utf-8', xml);
  };

  const simulator = await startSimulator(
    (req, res) => {
      const path = requestPath(req);
      const fault = /^\/faults\/([a-z-]+)$/.exec(path);
      if (fault && (FAULTS as readonly string[]).includes(fault[1]!)) return sendFault(res, fault[1] as MediaFault);
      const video = /^\/videos\/([^/]+)\.mp4$/.exec(path);
      const feed = /^\/playlists\/([^/]+)\.rss$/.exec(path);
      const name = video?.[1] ?? feed?.[1];
      if (!name || !CLIP_NAME.test(name)) return sendFault(res, 'not-found');
      const failure = faults.get(name);
      if (failure) return sendFault(res, failure);
      const clip = video ? clips.get(name) : undefined;
      if (clip) return sendClip(req, res, clip);
      const playlist = feed ? playlists.get(name) : undefined;
      if (playlist) return sendFeed(res, playlist);
      sendFault(res, 'not-found');
    },
    { ...options, name: options.name ?? 'media-simulator' },
    {
      setThrottle(bytesPerSecond: number | null) {
        throttle = bytesPerSecond;
      },
      setFault(name: string, fault: MediaFault | null) {
        if (fault) faults.set(name, fault);
        else faults.delete(name);
      },
      clipBytes(name: string) {
        const clip = clips.get(name);
        if (!clip) throw new Error(`No clip named ${name}`);
        return clip.bytes.length;
      },
    } satisfies MediaSimulatorControl,
  );
  base = simulator.url;
  return Object.assign(simulator, {
    videoUrl,
    playlistUrl: (name: string) => `${base}/playlists/${name}.rss`,
    faultUrl: (fault: MediaFault) => `${base}/faults/${fault}`,
  });
}
