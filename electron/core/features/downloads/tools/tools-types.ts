/**
 * What the queue sees of the tools yt-dlp needs: the seam between the queue
 * and discovery (which yt-dlp, ffmpeg and JavaScript runtime, their versions),
 * the Health cards and the app-managed copy of yt-dlp.
 */
import type { ToolStatus, UpdateState } from '../../../../../shared/contract/areas/downloads';
import type { HealthSource } from '../../../health/health-source';
import type { YtDlpBinary } from '../ytdlp/ytdlp-types';

export interface ResolvedTools {
  /** Undefined when no usable yt-dlp was found (`status` says why). */
  readonly ytdlp: YtDlpBinary | undefined;
  readonly ffmpegPath: string | undefined;
  /** `--js-runtimes` value (`deno:/usr/bin/deno`, `node:/usr/bin/node`), when one was found. */
  readonly jsRuntime: string | undefined;
  readonly status: readonly ToolStatus[];
}

export interface DownloadTools {
  /** Looks again (after a settings change or an update) or answers from the last look. */
  resolve(options?: { refresh?: boolean }): Promise<ResolvedTools>;
  /** The yt-dlp, ffmpeg and JavaScript runtime cards (`downloads:yt-dlp`, `downloads:ffmpeg`, `downloads:js-runtime`). */
  readonly healthSource: HealthSource;
  updateYtDlp(): Promise<UpdateState>;
  updateState(): UpdateState;
  onChanged(listener: (status: readonly ToolStatus[]) => void): () => void;
  onUpdateChanged(listener: (state: UpdateState) => void): () => void;
  dispose(): void;
}
