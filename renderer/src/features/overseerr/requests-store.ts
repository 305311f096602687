/**
 * The Requests page's state: the search, the household's requests (kept
 * live by `overseerr:request-changed`), and the calls the page and its
 * dialog make.
 */
import { create } from 'zustand';
import type { ContractClient } from '../../../../shared/contract/api';
import type { CreateRequest, Quota, RequestView, SearchPage, TitleDetails, WebhookSetup } from '../../../../shared/contract/areas/overseerr';
import { showStatus } from '../../app/app-store';
import { describeError } from '../../ui/error-words';

export type { Quota };

export interface RequestsState {
  readonly query: string;
  readonly search: SearchPage | null;
  readonly searching: boolean;
  readonly searchError: string | null;
  readonly requests: readonly RequestView[];
  readonly loaded: boolean;
  readonly loadError: string | null;
  readonly refreshing: boolean;
}

const initialState: RequestsState = { query: '', search: null, searching: false, searchError: null, requests: [], loaded: false, loadError: null, refreshing: false };

export const useRequestsStore = create<RequestsState>()(() => initialState);

let client: ContractClient | null = null;

function upsert(view: RequestView): void {
  useRequestsStore.setState((state) => {
    const rest = state.requests.filter((request) => request.id !== view.id);
    return { requests: [view, ...rest].sort((a, b) => b.createdAt - a.createdAt) };
  });
  // A result that was just requested shows it at once.
  useRequestsStore.setState((state) =>
    state.search
      ? { search: { ...state.search, results: state.search.results.map((result) => (result.mediaType === view.mediaType && result.tmdbId === view.tmdbId ? { ...result, requestId: view.id, inPlex: result.inPlex ?? view.inPlex } : result)) } }
      : {},
  );
}

/** Binds the store to a client and follows the requests' changes. */
export function initRequestsStore(contractClient: ContractClient): () => void {
  client = contractClient;
  useRequestsStore.setState(initialState, true);
  const stops = [
    contractClient.on('overseerr:request-changed', upsert),
    // Available, approved, declined, failed: said in the app too (the desktop app also notifies).
    contractClient.on('overseerr:alerted', (alert) => showStatus(`${alert.title}. ${alert.body}`, alert.title.endsWith('declined') || alert.title.endsWith('failed') ? 'error' : 'ok')),
    contractClient.on('overseerr:request-removed', ({ id }) => useRequestsStore.setState((state) => ({ requests: state.requests.filter((request) => request.id !== id) }))),
  ];
  return () => {
    for (const stop of stops) stop();
    if (client === contractClient) client = null;
  };
}

function need(): ContractClient {
  if (!client) throw new Error('The requests store is not bound to the core.');
  return client;
}

export async function loadRequests(): Promise<void> {
  if (!client) return;
  try {
    const requests = await client.invoke('overseerr:requests');
    useRequestsStore.setState({ requests, loaded: true, loadError: null });
  } catch (error) {
    useRequestsStore.setState({ loadError: describeError(error) });
  }
}

/** Asks Overseerr for every request's state now. */
export async function refreshRequests(): Promise<void> {
  if (!client || useRequestsStore.getState().refreshing) return;
  useRequestsStore.setState({ refreshing: true });
  try {
    useRequestsStore.setState({ requests: await client.invoke('overseerr:refresh'), loaded: true, loadError: null });
  } finally {
    useRequestsStore.setState({ refreshing: false });
  }
}

export async function searchTitles(query: string, page = 1): Promise<void> {
  const trimmed = query.trim();
  useRequestsStore.setState({ query });
  if (!client || trimmed === '') {
    useRequestsStore.setState({ search: null, searchError: null });
    return;
  }
  useRequestsStore.setState({ searching: true, searchError: null });
  try {
    const search = await client.invoke('overseerr:search', { query: trimmed, page });
    // A newer search may have started meanwhile: keep the latest.
    if (useRequestsStore.getState().query === query) useRequestsStore.setState({ search, searching: false });
  } catch (error) {
    useRequestsStore.setState({ searchError: describeError(error), searching: false });
  }
}

export function loadDetails(mediaType: TitleDetails['mediaType'], tmdbId: number): Promise<TitleDetails> {
  return need().invoke('overseerr:details', { mediaType, tmdbId });
}

/** Records the request; it may still wait to be sent, which the list shows. */
export async function makeRequest(request: CreateRequest): Promise<RequestView> {
  const view = await need().invoke('overseerr:request', request);
  upsert(view);
  return view;
}

export async function cancelRequest(id: string): Promise<void> {
  await need().invoke('overseerr:cancel', { id });
  useRequestsStore.setState((state) => ({ requests: state.requests.filter((request) => request.id !== id) }));
}

export async function retryRequest(id: string): Promise<RequestView> {
  const view = await need().invoke('overseerr:retry', { id });
  upsert(view);
  return view;
}

export function loadWebhookSetup(): Promise<WebhookSetup> {
  return need().invoke('overseerr:webhook');
}

export function newWebhookSecret(): Promise<WebhookSetup> {
  return need().invoke('overseerr:webhook-new-secret');
}

/** Calls `listener` whenever a webhook arrives (Settings shows Overseerr's test arriving). */
export function onWebhookReceived(listener: () => void): () => void {
  return client ? client.on('overseerr:webhook-received', listener) : () => undefined;
}

export function loadQuota(): Promise<Quota> {
  return need().invoke('overseerr:quota');
}
