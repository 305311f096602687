/**
 * The window's bounds in `window-state.json` (userData), through electron-store:
 * it writes atomically, and with `clearInvalidConfig` a damaged file reads as
 * empty, so the window opens at its default size instead of not at all. The
 * bounds are the shell's own and can always be lost; settings and secrets live
 * in the core's files.
 */
import Store from 'electron-store';
import { createMemoryWindowStateStore, type WindowState, type WindowStateStore } from './window-state';

export const WINDOW_STATE_STORE_NAME = 'window-state';

export function createWindowStateStore(dataDir: string, onError: (error: unknown) => void = () => undefined): WindowStateStore {
  let store: Store<Record<string, unknown>>;
  try {
    store = new Store<Record<string, unknown>>({ name: WINDOW_STATE_STORE_NAME, cwd: dataDir, clearInvalidConfig: true });
  } catch (error) {
    // An unreadable or unwritable folder costs the remembered position, never the start.
    onError(error);
    return createMemoryWindowStateStore();
  }
  return {
    load: () => store.store,
    save: (state: WindowState) => {
      store.store = { ...state };
    },
  };
}
