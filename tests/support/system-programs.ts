/**
 * The real programs some suites and bench rows need (Chromium, yt-dlp,
 * ffmpeg) and whether this machine has them. No test framework here: bench
 * rows use it too, and must not load one.
 */
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

export interface SystemProgram {
  readonly name: string;
  /** An absolute path, or a bare command looked up on PATH. */
  readonly command: string;
  readonly debianPackage: string;
  /** How to get it, when more than the Debian package is needed. */
  readonly howToInstall?: string;
}

export const SYSTEM_PROGRAMS = {
  chromium: { name: 'Chromium', command: process.env.MEDIANEST_CHROMIUM_PATH ?? '/usr/bin/chromium', debianPackage: 'chromium' },
  ytDlp: { name: 'yt-dlp', command: 'yt-dlp', debianPackage: 'yt-dlp' },
  ffmpeg: { name: 'ffmpeg', command: 'ffmpeg', debianPackage: 'ffmpeg' },
  /** A current yt-dlp from the Python package index, in the virtual environment .ci/run makes. */
  ytDlpCurrent: {
    name: 'a current yt-dlp',
    command: process.env.MEDIANEST_YTDLP_CURRENT ?? join(process.cwd(), '.cache/ytdlp-venv/bin/yt-dlp'),
    debianPackage: 'python3-venv',
    howToInstall: 'make one with `python3 -m venv .cache/ytdlp-venv && .cache/ytdlp-venv/bin/pip install yt-dlp`, as .ci/run does, or point MEDIANEST_YTDLP_CURRENT at one',
  },
} as const satisfies Record<string, SystemProgram>;

export interface ProgramAvailability {
  readonly available: boolean;
  /** The executable found, when available. */
  readonly path: string | undefined;
  readonly reason: string | undefined;
  readonly required: boolean;
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export function programAvailability(program: SystemProgram, env: NodeJS.ProcessEnv = process.env): ProgramAvailability {
  const required = env.MEDIANEST_REQUIRE_SYSTEM_DEPS === '1';
  const candidates = program.command.includes('/') ? [program.command] : (env.PATH ?? '').split(delimiter).filter(Boolean).map((dir) => join(dir, program.command));
  const path = candidates.find(isExecutable);
  if (path) return { available: true, path, reason: undefined, required };
  const where = program.command.includes('/') ? `at ${program.command}` : 'on PATH';
  return { available: false, path: undefined, reason: `${program.name} is not installed ${where} (${program.howToInstall ?? `install the Debian "${program.debianPackage}" package`}).`, required };
}
