/**
 * ffmpeg on PATH and its version. yt-dlp needs it to join separate video and
 * audio (most sites' best quality), extract audio and fix HLS; without it
 * downloads still work, in lower quality, so missing is a warning.
 */
import type { ToolStatus } from '../../../../../shared/contract/areas/downloads';
import { findOnPath, type PathEnv } from './find-on-path';
import type { RunVersion } from './run-version';
import { firstLine, toolStatus } from './tool-status';

export interface FfmpegDiscoveryInput {
  readonly env: PathEnv;
  readonly platform: NodeJS.Platform;
  readonly runVersion: RunVersion;
}

export interface FfmpegDiscovery {
  readonly path: string | undefined;
  readonly status: ToolStatus;
}

/** `5.1.9-0+deb12u1`, `n7.1`, `N-118163-g2a7f1…` from `ffmpeg version … Copyright …`. */
export function ffmpegVersionFromOutput(stdout: string): string | undefined {
  return /^ffmpeg version (\S+)/m.exec(stdout)?.[1];
}

const INSTALL = 'install ffmpeg (Debian: apt install ffmpeg; elsewhere ffmpeg.org) and check again';

export async function discoverFfmpeg(input: FfmpegDiscoveryInput): Promise<FfmpegDiscovery> {
  const path = findOnPath('ffmpeg', input.env, input.platform);
  if (path === undefined) {
    return {
      path: undefined,
      status: toolStatus({
        name: 'ffmpeg',
        label: 'ffmpeg',
        problem: `ffmpeg is not installed: without it yt-dlp cannot join separate video and audio (most sites’ best quality) or extract audio. To fix it, ${INSTALL}.`,
        severity: 'warning',
      }),
    };
  }
  try {
    const { stdout } = await input.runVersion(path, ['-version']);
    const version = ffmpegVersionFromOutput(stdout);
    if (version) return { path, status: toolStatus({ name: 'ffmpeg', label: 'ffmpeg', path, version, origin: 'system' }) };
    const said = firstLine(stdout);
    return {
      path: undefined,
      status: toolStatus({ name: 'ffmpeg', label: 'ffmpeg', path, origin: 'system', problem: `The ffmpeg on PATH (${path}) is not ffmpeg (it answered “${said}”): ${INSTALL}.`, severity: 'warning' }),
    };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return {
      path: undefined,
      status: toolStatus({ name: 'ffmpeg', label: 'ffmpeg', path, origin: 'system', problem: `The ffmpeg on PATH (${path}) does not run (${reason}): reinstall it, or ${INSTALL}.`, severity: 'warning' }),
    };
  }
}
