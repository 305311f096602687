/**
 * "Is something playing on this machine?", from the server's `/status/sessions`,
 * for holding alerts back during a film (and downloads, later).
 *
 * - A session counts when its player is this machine: the player's address, as
 *   the server saw it, is one of this machine's own addresses; a loopback
 *   address counts only when the server itself runs here (the player then
 *   reached it on 127.0.0.1).
 * - Playing and buffering count; paused does not. A paused film may stay
 *   paused for hours, and alerts held that long would hide an outage; when
 *   it plays again, the next alert waits.
 * - Only the server owner's token may read sessions. A refusal (401/403) means
 *   "cannot tell": the answer is no, so nothing is held back on a guess.
 */
import { networkInterfaces } from 'node:os';
import type { Logger } from '../../logging/logger';
import type { PlayingSession } from './pms-client';

export interface LocalPlaybackDeps {
  /** The server's sessions; null when its token may not read them. */
  readonly sessions: (signal?: AbortSignal) => Promise<readonly PlayingSession[] | null>;
  /** The linked server's address; undefined when none is linked. */
  readonly serverUri: () => string | undefined;
  readonly online: () => boolean;
  /** This machine's addresses; default every interface's. */
  readonly localAddresses?: () => readonly string[];
  readonly logger?: Pick<Logger, 'info'>;
}

export interface LocalPlayback {
  isPlayingLocally(signal?: AbortSignal): Promise<boolean>;
}

const PLAYING = new Set(['playing', 'buffering']);

/** `::ffff:10.0.0.5` → `10.0.0.5`, `[::1]` → `::1`, zone ids dropped, lowercase. */
export function normaliseAddress(address: string): string {
  return address.trim().toLowerCase().replace(/^\[|\]$/g, '').replace(/%.*$/, '').replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/, '$1');
}

export function isLoopback(address: string): boolean {
  const normal = normaliseAddress(address);
  return normal === '::1' || normal === 'localhost' || /^127\.\d+\.\d+\.\d+$/.test(normal);
}

function interfaceAddresses(): string[] {
  return Object.values(networkInterfaces()).flatMap((entries) => (entries ?? []).map((entry) => entry.address));
}

/** The server's host as an address: a literal IP, `localhost`, or the IP a `plex.direct` name spells (`192-168-1-5.<hash>.plex.direct`). */
function serverHost(uri: string): string | undefined {
  let host: string;
  try {
    host = new URL(uri).hostname;
  } catch {
    return undefined;
  }
  const direct = /^(\d+-\d+-\d+-\d+)\.[0-9a-f]+\.plex\.direct$/i.exec(host);
  return normaliseAddress(direct ? direct[1]!.replaceAll('-', '.') : host);
}

export function createLocalPlayback(deps: LocalPlaybackDeps): LocalPlayback {
  const localAddresses = deps.localAddresses ?? interfaceAddresses;
  let toldRefused = false;
  return {
    async isPlayingLocally(signal) {
      const uri = deps.serverUri();
      if (!uri || !deps.online()) return false;
      const sessions = await deps.sessions(signal);
      if (sessions === null) {
        if (!toldRefused) deps.logger?.info('the Plex token may not read sessions (only the owner’s may), so alerts are not held during playback');
        toldRefused = true;
        return false;
      }
      toldRefused = false;
      const own = new Set(localAddresses().map(normaliseAddress));
      const host = serverHost(uri);
      const serverHere = host !== undefined && (isLoopback(host) || own.has(host));
      return sessions.some((session) => {
        if (!PLAYING.has(session.state) || !session.address) return false;
        const address = normaliseAddress(session.address);
        return isLoopback(address) ? serverHere : own.has(address);
      });
    },
  };
}
