/**
 * The PIN sign-in: make a strong PIN, show where to approve it, and poll
 * about once a second until plex.tv hands over the account token, the PIN
 * expires (its time left is part of the state), or the user cancels. One
 * sign-in at a time: starting again cancels the previous one.
 *
 * The token goes to `onToken` and nowhere else; the state the renderer sees
 * never carries it.
 */
import type { PlexSignIn } from '../../../../shared/contract/areas/plex';
import { isAppError } from '../../../../shared/contract/errors';
import type { Logger } from '../../logging/logger';
import type { PlexTvClient } from './plex-tv-client';

export interface PlexSignInDeps {
  readonly plexTv: Pick<PlexTvClient, 'createPin' | 'pin'>;
  /** The approval page for a PIN code. */
  readonly authUrl: (code: string) => string;
  /** Checks and stores the token, links a server; a rejection fails the sign-in with its message. */
  readonly onToken: (token: string) => Promise<void>;
  readonly onChange: (state: PlexSignIn) => void;
  readonly pollMs?: number;
  readonly now?: () => number;
  readonly logger?: Pick<Logger, 'warn'>;
}

export interface PlexSignInFlow {
  start(): Promise<PlexSignIn>;
  cancel(): PlexSignIn;
  state(): PlexSignIn;
  dispose(): void;
}

const IDLE: PlexSignIn = { state: 'idle', pinId: null, code: null, authUrl: null, expiresAt: null, message: null };

export function createPlexSignIn(deps: PlexSignInDeps): PlexSignInFlow {
  const now = deps.now ?? Date.now;
  const pollMs = deps.pollMs ?? 1_000;
  let current: PlexSignIn = IDLE;
  let attempt = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let controller: AbortController | undefined;

  const set = (next: PlexSignIn): PlexSignIn => {
    current = next;
    deps.onChange(next);
    return next;
  };
  const stop = (): void => {
    attempt += 1;
    clearTimeout(timer);
    timer = undefined;
    controller?.abort();
    controller = undefined;
  };
  const finish = (state: PlexSignIn['state'], message: string | null): void => {
    stop();
    set({ ...current, state, message, ...(state === 'signed-in' ? {} : { authUrl: null }) });
  };

  const poll = async (mine: number, pinId: number, expiresAt: number): Promise<void> => {
    if (mine !== attempt) return;
    if (now() >= expiresAt) return finish('expired', 'The sign-in code expired before it was approved. Start again.');
    let pin;
    try {
      pin = await deps.plexTv.pin(pinId, controller?.signal);
    } catch (error) {
      if (mine !== attempt) return;
      // A dropped request is no reason to give up while the PIN is still valid.
      deps.logger?.warn({ code: isAppError(error) ? error.code : undefined }, 'polling the Plex PIN failed; trying again');
      pin = undefined;
    }
    if (mine !== attempt) return;
    if (pin === null) return finish('expired', 'The sign-in code expired before it was approved. Start again.');
    if (pin?.authToken) {
      const token = pin.authToken;
      try {
        await deps.onToken(token);
      } catch (error) {
        if (mine !== attempt) return;
        return finish('failed', isAppError(error) ? error.message : 'Signing in to Plex failed. Try again.');
      }
      if (mine !== attempt) return;
      return finish('signed-in', null);
    }
    timer = setTimeout(() => void poll(mine, pinId, expiresAt), pollMs);
  };

  return {
    async start() {
      stop();
      const mine = attempt;
      controller = new AbortController();
      let pin;
      try {
        pin = await deps.plexTv.createPin(controller.signal);
      } catch (error) {
        if (mine !== attempt) return current;
        finish('failed', isAppError(error) ? error.message : 'plex.tv could not be reached to start signing in.');
        return current;
      }
      if (mine !== attempt) return current;
      const expiresAt = pin.expiresAt ? Date.parse(pin.expiresAt) : now() + (pin.expiresIn ?? 900) * 1000;
      set({ state: 'waiting', pinId: pin.id, code: pin.code, authUrl: deps.authUrl(pin.code), expiresAt, message: null });
      timer = setTimeout(() => void poll(mine, pin.id, expiresAt), pollMs);
      return current;
    },
    cancel() {
      if (current.state === 'waiting') finish('cancelled', 'Signing in was cancelled.');
      return current;
    },
    state: () => current,
    dispose() {
      stop();
    },
  };
}
