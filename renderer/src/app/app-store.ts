/**
 * App-wide state: what the core says about itself, whether we can reach it
 * (and since when not), and the toasts.
 */
import { create } from 'zustand';
import type { ContractClient } from '../../../shared/contract/api';
import type { AppInfo } from '../../../shared/contract/areas/app';
import { describeError } from '../ui/error-words';
import type { ToastItem, ToastTone } from '../ui/toast';
import type { ConnectionState } from './transport/connection-state';

export type StatusTone = ToastTone;

export interface AppState {
  readonly info: AppInfo | null;
  readonly connection: ConnectionState;
  /** Until the first connection, "connecting" is not "reconnecting". */
  readonly hasConnected: boolean;
  /** When the link to the core dropped (ms since epoch); null while connected or before the first connection. */
  readonly lostAt: number | null;
  /** Newest last. */
  readonly toasts: readonly ToastItem[];
  readonly warningsDismissed: boolean;
}

const initialState: AppState = {
  info: null,
  connection: 'connecting',
  hasConnected: false,
  lostAt: null,
  toasts: [],
  warningsDismissed: false,
};

export const useAppStore = create<AppState>()(() => initialState);

/** How long a toast that is not an error stays; errors stay until dismissed, because they need reading. */
export const TOAST_FADE_MS = 5_000;
const MAX_TOASTS = 4;

let client: ContractClient | null = null;
let nextToastId = 1;
const fadeTimers = new Map<number, ReturnType<typeof setTimeout>>();

function clearFadeTimers(): void {
  for (const timer of fadeTimers.values()) clearTimeout(timer);
  fadeTimers.clear();
}

/** Binds the store to a client and loads app info. */
export function initAppStore(contractClient: ContractClient): () => void {
  client = contractClient;
  clearFadeTimers();
  useAppStore.setState(initialState, true);
  // A stored file found damaged after start-up: show the new list, even if the old one was dismissed.
  const unsubscribe = contractClient.on('app:warnings-changed', ({ warnings }) =>
    useAppStore.setState((state) => (state.info ? { info: { ...state.info, warnings }, warningsDismissed: false } : {})),
  );
  void loadAppInfo();
  return () => {
    unsubscribe();
    clearFadeTimers();
    if (client === contractClient) client = null;
  };
}

export async function loadAppInfo(): Promise<void> {
  if (!client) return;
  try {
    const info = await client.invoke('app:info');
    useAppStore.setState({ info });
  } catch (error) {
    showError(error);
  }
}

export function setConnectionState(connection: ConnectionState, now = Date.now()): void {
  useAppStore.setState((state) => ({
    connection,
    hasConnected: state.hasConnected || connection === 'connected',
    lostAt: connection === 'connected' || !state.hasConnected ? null : (state.lostAt ?? now),
  }));
}

/** True while the core answers: actions that need it are disabled otherwise. */
export function useCoreReachable(): boolean {
  return useAppStore((state) => state.connection === 'connected');
}

export function dismissToast(id: number): void {
  clearTimeout(fadeTimers.get(id));
  fadeTimers.delete(id);
  useAppStore.setState((state) => ({ toasts: state.toasts.filter((toast) => toast.id !== id) }));
}

/** Shows a toast; the same words again replace the older one instead of stacking up. */
export function showStatus(text: string, tone: StatusTone = 'info'): void {
  const id = nextToastId++;
  const { toasts } = useAppStore.getState();
  for (const toast of toasts) if (toast.text === text) dismissToast(toast.id);
  const kept = useAppStore.getState().toasts;
  for (const toast of kept.slice(0, Math.max(0, kept.length - MAX_TOASTS + 1))) dismissToast(toast.id);
  useAppStore.setState((state) => ({ toasts: [...state.toasts, { id, text, tone }] }));
  if (tone !== 'error') fadeTimers.set(id, setTimeout(() => dismissToast(id), TOAST_FADE_MS));
}

/** Shows an error in words (fields named as the forms label them); a non-AppError gets a generic line, its details may not be fit to show. */
export function showError(error: unknown): void {
  showStatus(describeError(error), 'error');
}

export function dismissWarnings(): void {
  useAppStore.setState({ warningsDismissed: true });
}
