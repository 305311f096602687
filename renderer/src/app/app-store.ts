/**
 * App-wide state: what the core says about itself, whether we can reach it,
 * and the one transient message the status region announces.
 */
import { create } from 'zustand';
import type { ContractClient } from '../../../shared/contract/api';
import { isAppError } from '../../../shared/contract/errors';
import type { AppInfo } from '../../../shared/contract/areas/app';
import type { ConnectionState } from './transport/connection-state';

export type StatusTone = 'info' | 'error';

export interface StatusMessage {
  /** Increases with every message, so the same text twice is still announced twice. */
  readonly id: number;
  readonly text: string;
  readonly tone: StatusTone;
}

export interface AppState {
  readonly info: AppInfo | null;
  readonly connection: ConnectionState;
  /** Until the first connection, "connecting" is not "reconnecting". */
  readonly hasConnected: boolean;
  readonly status: StatusMessage | null;
  readonly warningsDismissed: boolean;
}

const initialState: AppState = {
  info: null,
  connection: 'connecting',
  hasConnected: false,
  status: null,
  warningsDismissed: false,
};

export const useAppStore = create<AppState>()(() => initialState);

/** How long a message stays on screen; errors get longer because they need reading. */
const STATUS_TIMEOUT_MS: Record<StatusTone, number> = { info: 6_000, error: 15_000 };

let client: ContractClient | null = null;
let nextStatusId = 1;
let statusTimer: ReturnType<typeof setTimeout> | undefined;

/** Binds the store to a client and loads app info. */
export function initAppStore(contractClient: ContractClient): () => void {
  client = contractClient;
  clearTimeout(statusTimer);
  useAppStore.setState(initialState, true);
  // A stored file found damaged after start-up: show the new list, even if the old one was dismissed.
  const unsubscribe = contractClient.on('app:warnings-changed', ({ warnings }) =>
    useAppStore.setState((state) => (state.info ? { info: { ...state.info, warnings }, warningsDismissed: false } : {})),
  );
  void loadAppInfo();
  return () => {
    unsubscribe();
    clearTimeout(statusTimer);
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

export function setConnectionState(connection: ConnectionState): void {
  useAppStore.setState((state) => ({ connection, hasConnected: state.hasConnected || connection === 'connected' }));
}

export function showStatus(text: string, tone: StatusTone = 'info'): void {
  const id = nextStatusId++;
  clearTimeout(statusTimer);
  useAppStore.setState({ status: { id, text, tone } });
  statusTimer = setTimeout(() => {
    if (useAppStore.getState().status?.id === id) useAppStore.setState({ status: null });
  }, STATUS_TIMEOUT_MS[tone]);
}

/** Shows an AppError's message; anything else gets a generic line (its details may not be fit to show). */
export function showError(error: unknown): void {
  showStatus(isAppError(error) ? error.message : 'Something went wrong. Please try again.', 'error');
}

export function dismissWarnings(): void {
  useAppStore.setState({ warningsDismissed: true });
}
