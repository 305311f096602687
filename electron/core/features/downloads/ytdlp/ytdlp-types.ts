/**
 * What the queue sees of one yt-dlp run: the seam between the queue
 * (downloads-queue.ts) and the code that spawns, reads and stops yt-dlp.
 * Tests of the queue use a fake runner; the real one is ytdlp-runner.ts.
 */
import type { DownloadFailure, DownloadProgress, DownloadQuality } from '../../../../../shared/contract/areas/downloads';

/** The yt-dlp in use and what it can do (tools/ say how it was found). */
export interface YtDlpBinary {
  readonly path: string;
  /** `2023.03.04`, `2026.08.19`. */
  readonly version: string;
  /** `--progress-delta` exists (2024.04.09 and later). */
  readonly hasProgressDelta: boolean;
  /** `--js-runtimes` exists (2025.11.12 and later). */
  readonly hasJsRuntimes: boolean;
  /** The postprocess progress template ends its line (2023.06.21 and later). */
  readonly postprocessNewline: boolean;
}

export interface RunOptions {
  readonly url: string;
  readonly quality: DownloadQuality;
  /** Final files go here (`-P home:`): a folder inside the destination section. */
  readonly outputDir: string;
  /** Part files go here (`-P temp:`): same filesystem, outside every section's folders. */
  readonly stagingDir: string;
  /** The output template relative to outputDir (built by naming, already sanitised), e.g. `Channel/Title [id].%(ext)s`. */
  readonly outputTemplate: string;
  /** `--download-archive`: items already fetched are skipped. */
  readonly archiveFile?: string;
  /** `--playlist-items`, 1-based, for one item of a playlist. */
  readonly playlistItem?: number;
  /** `--limit-rate` (500K, 4.2M). */
  readonly rateLimit?: string;
  /** A per-job 0600 copy of the site's cookies. */
  readonly cookiesFile?: string;
  readonly windowsSafeNames?: boolean;
  /** `--js-runtimes` value, e.g. `node:/usr/bin/node` (only passed when the binary supports it). */
  readonly jsRuntime?: string;
  /** `--ffmpeg-location`. */
  readonly ffmpegPath?: string;
  /** `--downloader ffmpeg` (tests; streams). */
  readonly downloader?: 'ffmpeg';
  /** Resume a kept part file (`--continue`, the default) or start over (`--no-continue`). */
  readonly resume?: boolean;
  /** Progress events are throttled to one per this many ms (default 250). */
  readonly progressIntervalMs?: number;
}

export interface RunHandle {
  /** The process group id (POSIX: the child's pid, spawned detached), stored with the job. */
  readonly pgid: number | undefined;
  readonly done: Promise<RunResult>;
  /** Stops the whole process group: SIGINT, then SIGTERM, then SIGKILL after the grace period. Resolves when no process of the group is left. */
  stop(reason: 'cancel' | 'pause' | 'quit'): Promise<void>;
}

export type RunResult =
  | { readonly ok: true; readonly files: readonly string[] }
  | { readonly ok: false; readonly stopped: true }
  | { readonly ok: false; readonly stopped: false; readonly failure: DownloadFailure };

export interface RunListener {
  progress(progress: DownloadProgress): void;
  /** Info as yt-dlp learns it (title, channel, id, upload date). */
  info?(info: VideoInfo): void;
}

export interface VideoInfo {
  readonly id: string | null;
  readonly title: string | null;
  readonly channel: string | null;
  readonly uploadDate: string | null;
  readonly ext: string | null;
}

/** `-J --flat-playlist` of an address: a playlist's items in order, or a single video. */
export interface Enumerated {
  readonly kind: 'video' | 'playlist';
  readonly id: string | null;
  readonly title: string;
  readonly channel: string | null;
  readonly uploadDate: string | null;
  readonly items: readonly { readonly url: string; readonly title: string; readonly id: string | null }[];
}

export interface YtDlpRunner {
  enumerate(binary: YtDlpBinary, url: string, options: { signal?: AbortSignal; cookiesFile?: string }): Promise<Enumerated>;
  run(binary: YtDlpBinary, options: RunOptions, listener: RunListener): RunHandle;
  /** Ends a process group left by a core that died (its stored pgid), if any of it is still running. */
  killLeftoverGroup(pgid: number): Promise<void>;
}
