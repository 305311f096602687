/**
 * Opens the welcome view when the app starts on a fresh profile without an
 * address naming a page, unless this device skipped it before.
 */
import { useEffect, useRef } from 'react';
import { useSettingsStore } from '../../app/settings-store';
import { redirect } from '../../app/routing/hash-router';
import { hasExplicitRoute } from '../../app/routing/routes';
import { isFreshProfile } from './fresh-profile';
import { readWelcomeMemory } from './welcome-memory';

export function useWelcomeOnFreshProfile(): void {
  const settings = useSettingsStore((state) => state.settings);
  // Read once, at start: later navigation is the user's own.
  const startedWithoutRoute = useRef(!hasExplicitRoute(window.location.hash));
  const decided = useRef(false);

  useEffect(() => {
    if (decided.current || !settings) return;
    decided.current = true;
    // Still on no page of its own: a link followed meanwhile wins.
    const stillUnrouted = startedWithoutRoute.current && !hasExplicitRoute(window.location.hash);
    if (stillUnrouted && isFreshProfile(settings) && readWelcomeMemory() === null) redirect('welcome');
  }, [settings]);
}
