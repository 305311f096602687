/**
 * The hook the Plex feature fills with its real sign-in (plex.tv PIN flow).
 * Until it does, the welcome view's "Sign in with Plex" leads to the Plex
 * settings, where address and token can be entered by hand.
 */
export interface PlexSignInOutcome {
  readonly ok: boolean;
  /** "Signed in as sam; using server Living Room", or why it failed, in words. */
  readonly message: string;
}

export type PlexSignIn = () => Promise<PlexSignInOutcome>;

let signIn: PlexSignIn | null = null;

/** Called by the Plex feature at start; returns the function that removes it again. */
export function registerPlexSignIn(handler: PlexSignIn): () => void {
  signIn = handler;
  return () => {
    if (signIn === handler) signIn = null;
  };
}

export function plexSignIn(): PlexSignIn | null {
  return signIn;
}
