/**
 * The Library's state: Plex's status (signed in, online, backup mode, sync
 * progress), the sign-in in progress, the sections, what the grid shows
 * (section, sort, filter), search as you type, and the open item.
 * Status, sign-in and sync arrive live through their events.
 */
import { create } from 'zustand';
import type { ContractClient } from '../../../../shared/contract/api';
import { isAppError } from '../../../../shared/contract/errors';
import type {
  LibraryItem,
  LibraryItemDetails,
  LibrarySection,
  LibrarySort,
  PlexServer,
  PlexSignIn,
  PlexStatus,
  SyncProgress,
} from '../../../../shared/contract/areas/plex';
import { registerPlexSignIn, type PlexSignInOutcome } from '../welcome/plex-sign-in';
import { registerSearchProvider } from '../../app/search/search-registry';
import { navigate } from '../../app/routing/hash-router';

export interface LibraryFilter {
  readonly unwatched: boolean;
  readonly genre: string | null;
}

export interface PlexState {
  readonly status: PlexStatus | null;
  readonly statusError: string | null;
  readonly signIn: PlexSignIn | null;
  readonly sections: readonly LibrarySection[];
  readonly sectionKey: string | null;
  readonly sort: LibrarySort;
  readonly descending: boolean;
  readonly filter: LibraryFilter;
  readonly genres: readonly string[];
  readonly query: string;
  readonly results: readonly LibraryItem[] | null;
  /** What `results` answer (the query may already have moved on). */
  readonly resultsQuery: string;
  readonly selected: string | null;
  readonly details: LibraryItemDetails | null;
  readonly detailsError: string | null;
  readonly servers: readonly PlexServer[] | null;
  readonly serversError: string | null;
  readonly serversLoading: boolean;
  /** Bumped when the index changed (a sync finished): grids fetch again. */
  readonly indexVersion: number;
}

const initialState: PlexState = {
  status: null,
  statusError: null,
  signIn: null,
  sections: [],
  sectionKey: null,
  sort: 'title',
  descending: false,
  filter: { unwatched: false, genre: null },
  genres: [],
  query: '',
  results: null,
  resultsQuery: '',
  selected: null,
  details: null,
  detailsError: null,
  servers: null,
  serversError: null,
  serversLoading: false,
  indexVersion: 0,
};

export const usePlexStore = create<PlexState>()(() => initialState);

let client: ContractClient | null = null;
let searchSeq = 0;
let detailsSeq = 0;

function words(error: unknown, fallback: string): string {
  return isAppError(error) ? error.message : fallback;
}

function onSyncProgress(progress: SyncProgress): void {
  usePlexStore.setState((state) => ({
    status: state.status ? { ...state.status, sync: progress } : state.status,
    indexVersion: progress.state === 'done' ? state.indexVersion + 1 : state.indexVersion,
  }));
  if (progress.state === 'done') void loadSections();
}

/**
 * The welcome view's "Sign in with Plex": starts the PIN sign-in, opens plex.tv's
 * page (its own window in the desktop app, a new tab in a browser) and settles
 * when the sign-in ends.
 */
async function welcomeSignIn(): Promise<PlexSignInOutcome> {
  let started: PlexSignIn | null;
  try {
    started = await startSignIn();
  } catch (error) {
    return { ok: false, message: words(error, 'plex.tv could not be reached to start signing in.') };
  }
  if (!started || started.state !== 'waiting' || !started.authUrl) return { ok: false, message: started?.message ?? 'Signing in could not start.' };
  window.open(started.authUrl, '_blank', 'noopener');
  const ended = await new Promise<PlexSignIn>((resolve) => {
    const stop = usePlexStore.subscribe((state) => {
      if (state.signIn && state.signIn.state !== 'waiting') {
        stop();
        resolve(state.signIn);
      }
    });
  });
  if (ended.state !== 'signed-in') return { ok: false, message: ended.message ?? 'Signing in did not finish.' };
  await loadStatus();
  const status = usePlexStore.getState().status;
  return { ok: true, message: status?.server ? `Signed in${status.username ? ` as ${status.username}` : ''}; using server ${status.server.name}.` : 'Signed in; pick your server in Settings.' };
}

/** Binds the store to a client and follows Plex's events; the Library page loads the rest. */
export function initPlexStore(contractClient: ContractClient): () => void {
  client = contractClient;
  usePlexStore.setState(initialState, true);
  const stops = [
    contractClient.on('plex:status-changed', (status) => usePlexStore.setState({ status, statusError: null })),
    contractClient.on('plex:sign-in-changed', (signIn) => {
      usePlexStore.setState({ signIn });
      if (signIn.state === 'signed-in') void loadStatus().then(loadSections);
    }),
    contractClient.on('plex:sync-progressed', onSyncProgress),
    registerPlexSignIn(welcomeSignIn),
    registerSearchProvider({
      id: 'plex',
      label: 'Library',
      order: 1,
      async search(query) {
        const result = await contractClient.invoke('plex:search', { query, limit: 6 });
        return result.items.map((item) => ({
          id: item.ratingKey,
          title: item.title,
          subtitle: [item.year, item.type === 'show' ? 'Show' : 'Movie'].filter(Boolean).join(' · '),
          ...(item.poster ? { imageUrl: `${item.poster}/100` } : {}),
          onSelect: () => {
            navigate('library');
            void openDetails(item.ratingKey);
          },
        }));
      },
      showAll(query) {
        navigate('library');
        void search(query);
      },
    }),
  ];
  return () => {
    for (const stop of stops) stop();
    if (client === contractClient) client = null;
  };
}

export async function loadStatus(): Promise<void> {
  if (!client) return;
  try {
    usePlexStore.setState({ status: await client.invoke('plex:status'), statusError: null });
  } catch (error) {
    usePlexStore.setState({ statusError: words(error, 'Plex’s state could not be read.') });
  }
}

export async function loadSections(): Promise<void> {
  if (!client) return;
  try {
    const sections = await client.invoke('plex:sections');
    const current = usePlexStore.getState().sectionKey;
    const sectionKey = sections.some((section) => section.key === current) ? current : (sections[0]?.key ?? null);
    usePlexStore.setState({ sections, sectionKey });
    if (sectionKey && sectionKey !== current) void loadGenres(sectionKey);
  } catch (error) {
    usePlexStore.setState({ statusError: words(error, 'Your library could not be read.') });
  }
}

async function loadGenres(sectionKey: string): Promise<void> {
  if (!client) return;
  try {
    const genres = await client.invoke('plex:genres', { sectionKey });
    if (usePlexStore.getState().sectionKey === sectionKey) usePlexStore.setState({ genres });
  } catch {
    usePlexStore.setState({ genres: [] });
  }
}

export function selectSection(sectionKey: string): void {
  usePlexStore.setState({ sectionKey, filter: { unwatched: false, genre: null }, genres: [] });
  void loadGenres(sectionKey);
}

export function setSort(sort: LibrarySort, descending?: boolean): void {
  // Newest and best first unless asked otherwise; titles A to Z.
  usePlexStore.setState({ sort, descending: descending ?? sort !== 'title' });
}

export function toggleDescending(): void {
  usePlexStore.setState((state) => ({ descending: !state.descending }));
}

export function setFilter(filter: Partial<LibraryFilter>): void {
  usePlexStore.setState((state) => ({ filter: { ...state.filter, ...filter } }));
}

/** One page of the grid, as it is sorted and filtered now. */
export async function fetchItemsPage(request: { sectionKey: string; offset: number; limit: number; sort: LibrarySort; descending: boolean; filter: LibraryFilter }): Promise<{ items: LibraryItem[]; total: number }> {
  if (!client) return { items: [], total: 0 };
  return client.invoke('plex:items', {
    sectionKey: request.sectionKey,
    offset: request.offset,
    limit: request.limit,
    sort: request.sort,
    descending: request.descending,
    filter: { ...(request.filter.unwatched ? { unwatched: true } : {}), ...(request.filter.genre ? { genre: request.filter.genre } : {}) },
  });
}

/** Searches as the user types: every keystroke asks, only the newest answer is kept. */
export async function search(query: string): Promise<void> {
  const seq = ++searchSeq;
  usePlexStore.setState({ query });
  if (query.trim() === '') {
    usePlexStore.setState({ results: null });
    return;
  }
  if (!client) return;
  try {
    const result = await client.invoke('plex:search', { query, limit: 60 });
    if (seq === searchSeq) usePlexStore.setState({ results: result.items, resultsQuery: query });
  } catch {
    if (seq === searchSeq) usePlexStore.setState({ results: [], resultsQuery: query });
  }
}

export async function openDetails(ratingKey: string): Promise<void> {
  const seq = ++detailsSeq;
  usePlexStore.setState({ selected: ratingKey, details: null, detailsError: null });
  if (!client) return;
  try {
    const details = await client.invoke('plex:item', { ratingKey });
    if (seq === detailsSeq) usePlexStore.setState({ details });
  } catch (error) {
    if (seq === detailsSeq) usePlexStore.setState({ detailsError: words(error, 'The details could not be loaded.') });
  }
}

export function closeDetails(): void {
  detailsSeq += 1;
  usePlexStore.setState({ selected: null, details: null, detailsError: null });
}

export async function startSignIn(): Promise<PlexSignIn | null> {
  if (!client) return null;
  const signIn = await client.invoke('plex:sign-in');
  usePlexStore.setState({ signIn });
  return signIn;
}

export async function loadSignIn(): Promise<void> {
  if (!client) return;
  usePlexStore.setState({ signIn: await client.invoke('plex:sign-in-state') });
}

export async function cancelSignIn(): Promise<void> {
  if (!client) return;
  usePlexStore.setState({ signIn: await client.invoke('plex:sign-in-cancel') });
}

export async function signOut(): Promise<void> {
  if (!client) return;
  const status = await client.invoke('plex:sign-out');
  usePlexStore.setState({ status, servers: null, sections: [], sectionKey: null, results: null, indexVersion: usePlexStore.getState().indexVersion + 1 });
}

export async function loadServers(): Promise<void> {
  if (!client) return;
  usePlexStore.setState({ serversLoading: true, serversError: null });
  try {
    usePlexStore.setState({ servers: await client.invoke('plex:servers') });
  } catch (error) {
    usePlexStore.setState({ serversError: words(error, 'Your servers could not be listed.') });
  } finally {
    usePlexStore.setState({ serversLoading: false });
  }
}

export async function chooseServer(machineIdentifier: string, uri: string): Promise<void> {
  if (!client) return;
  usePlexStore.setState({ status: await client.invoke('plex:choose-server', { machineIdentifier, uri }) });
}

export async function syncNow(full = false): Promise<void> {
  if (!client) return;
  const progress = await client.invoke('plex:sync', { full });
  onSyncProgress(progress);
}

export async function cancelSync(): Promise<void> {
  if (!client) return;
  onSyncProgress(await client.invoke('plex:sync-cancel'));
}
