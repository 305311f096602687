/**
 * Appearance: follow the system (the default), or always dark or light. A
 * choice of this device (a phone may differ from the media PC), so it lives
 * in the browser's storage, not in the core's settings.
 */
import { useSyncExternalStore } from 'react';

export const themeChoices = ['system', 'dark', 'light'] as const;
export type ThemeChoice = (typeof themeChoices)[number];

const STORAGE_KEY = 'medianest.theme';
const listeners = new Set<() => void>();

function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    // Storage can be blocked (private modes, custom protocols); the default then holds.
    return null;
  }
}

export function readThemeChoice(): ThemeChoice {
  const stored = storage()?.getItem(STORAGE_KEY);
  return (themeChoices as readonly string[]).includes(stored ?? '') ? (stored as ThemeChoice) : 'system';
}

/** Sets `data-theme` on <html>; tokens.css does the rest. */
export function applyThemeChoice(choice: ThemeChoice = readThemeChoice()): void {
  const root = document.documentElement;
  if (choice === 'system') delete root.dataset.theme;
  else root.dataset.theme = choice;
}

export function setThemeChoice(choice: ThemeChoice): void {
  try {
    storage()?.setItem(STORAGE_KEY, choice);
  } catch {
    // Not remembered, but still applied for this visit.
  }
  applyThemeChoice(choice);
  for (const listener of [...listeners]) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useThemeChoice(): ThemeChoice {
  return useSyncExternalStore(subscribe, readThemeChoice);
}
