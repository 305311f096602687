/**
 * Small mp4 clips for the media simulator, made once with ffmpeg (a test
 * pattern and a tone) into a cache folder and reused: a real container that
 * yt-dlp and ffmpeg accept, small enough to download in a few seconds when
 * throttled.
 */
import { execFile } from 'node:child_process';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';

export interface ClipSpec {
  /** `[A-Za-z0-9_-]`, the clip's file name without `.mp4` (yt-dlp's id and title of a direct link). */
  readonly name: string;
  /** Length in seconds (default 3). */
  readonly seconds?: number;
}

export const CLIP_NAME = /^[A-Za-z0-9_-]{1,64}$/;

/** A stable tone per name, so clips of different names differ in content. */
function toneOf(name: string): number {
  let hash = 0;
  for (const char of name) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return 220 + (hash % 660);
}

function runFfmpeg(ffmpeg: string, args: readonly string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(ffmpeg, args, { timeout: 60_000, maxBuffer: 4 * 1024 * 1024 }, (error, _stdout, stderr) => {
      if (error) reject(new Error(`ffmpeg could not make a clip: ${String(stderr).trim().split('\n').slice(-3).join(' ') || error.message}`));
      else resolve();
    });
  });
}

/**
 * The clip's path in `cacheDir`, made first when missing. About 100 KB a
 * second (a fixed video bitrate), with the index at the front so a
 * streaming reader (ffmpeg as downloader) can start at once.
 */
export async function ensureClip(cacheDir: string, spec: ClipSpec, ffmpeg = 'ffmpeg'): Promise<string> {
  if (!CLIP_NAME.test(spec.name)) throw new Error(`A clip name is letters, digits, "-" and "_": ${JSON.stringify(spec.name)}`);
  const seconds = spec.seconds ?? 3;
  const path = join(cacheDir, `${spec.name}-${seconds}s.mp4`);
  const existing = await stat(path).catch(() => undefined);
  if (existing && existing.size > 0) return path;
  await mkdir(cacheDir, { recursive: true });
  // Made under a unique name and renamed, so concurrent test files never read a half-written clip.
  const partial = `${path}.${process.pid}.${Date.now()}.tmp.mp4`;
  try {
    await runFfmpeg(ffmpeg, [
      '-hide_banner', '-loglevel', 'error', '-y',
      '-f', 'lavfi', '-i', `testsrc=duration=${seconds}:size=320x240:rate=25`,
      '-f', 'lavfi', '-i', `sine=frequency=${toneOf(spec.name)}:duration=${seconds}`,
      '-c:v', 'libx264', '-preset', 'ultrafast', '-b:v', '700k', '-maxrate', '700k', '-bufsize', '700k', '-pix_fmt', 'yuv420p',
      '-c:a', 'aac', '-b:a', '96k', '-shortest', '-movflags', '+faststart',
      partial,
    ]);
    await rename(partial, path);
  } finally {
    await rm(partial, { force: true });
  }
  return path;
}
