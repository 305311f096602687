/**
 * Whether this browser has been through (or skipped) the welcome view, so it
 * opens by itself only once. Kept per device, like the theme.
 */
const STORAGE_KEY = 'medianest.welcome';

export type WelcomeMemory = 'skipped' | 'done' | null;

export function readWelcomeMemory(): WelcomeMemory {
  try {
    const value = window.localStorage.getItem(STORAGE_KEY);
    return value === 'skipped' || value === 'done' ? value : null;
  } catch {
    return null;
  }
}

export function rememberWelcome(value: Exclude<WelcomeMemory, null>): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, value);
  } catch {
    // Blocked storage: the welcome view may show again next time, nothing worse.
  }
}

export function forgetWelcome(): void {
  try {
    window.localStorage.removeItem(STORAGE_KEY);
  } catch {
    // See above.
  }
}
