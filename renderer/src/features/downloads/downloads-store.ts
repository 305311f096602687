/**
 * The Downloads page's state: the queue and history (kept live by the
 * `downloads:*` events), the tools, the destinations Plex offers, and the
 * calls the page and Settings make.
 */
import { create } from 'zustand';
import type { ContractClient } from '../../../../shared/contract/api';
import type { Destination, DownloadJob, DownloadQuality, DownloadsOverview, ToolStatus, UpdateState } from '../../../../shared/contract/areas/downloads';
import type { InvokeResponse } from '../../../../shared/contract/invokes';
import { describeError } from '../../ui/error-words';

export type CookieSite = InvokeResponse<'downloads:cookies'>[number];

/** "Ready to watch" as the core announced it. */
export interface ReadyNotice {
  readonly id: string;
  readonly title: string;
  readonly openUrl: string | null;
}

export interface DownloadsState {
  readonly jobs: readonly DownloadJob[];
  readonly tools: readonly ToolStatus[];
  readonly paused: boolean;
  readonly running: number;
  readonly queued: number;
  readonly unavailable: string | null;
  readonly demoPlaylistUrl: string | null;
  readonly loaded: boolean;
  readonly loadError: string | null;
  readonly destinations: readonly Destination[] | null;
  readonly destinationsError: string | null;
  readonly update: UpdateState | null;
}

const initialState: DownloadsState = {
  jobs: [],
  tools: [],
  paused: false,
  running: 0,
  queued: 0,
  unavailable: null,
  demoPlaylistUrl: null,
  loaded: false,
  loadError: null,
  destinations: null,
  destinationsError: null,
  update: null,
};

export const useDownloadsStore = create<DownloadsState>()(() => initialState);

let client: ContractClient | null = null;
const readyListeners = new Set<(notice: ReadyNotice) => void>();

/** Newest first, the way both the queue and the history read. */
function byNewest(a: DownloadJob, b: DownloadJob): number {
  return b.createdAt - a.createdAt;
}

export function upsertJob(job: DownloadJob): void {
  useDownloadsStore.setState((state) => {
    const current = state.jobs.find((each) => each.id === job.id);
    // Events and invoke answers can cross: an older copy never replaces a newer one.
    if (current && current.updatedAt > job.updatedAt) return {};
    return { jobs: [job, ...state.jobs.filter((each) => each.id !== job.id)].sort(byNewest) };
  });
}

function applyOverview(overview: DownloadsOverview): void {
  useDownloadsStore.setState({
    jobs: [...overview.jobs].sort(byNewest),
    tools: overview.tools,
    paused: overview.paused,
    running: overview.running,
    queued: overview.queued,
    unavailable: overview.unavailable,
    demoPlaylistUrl: overview.demoPlaylistUrl,
    loaded: true,
    loadError: null,
  });
}

/** Binds the store to a client and follows the queue's events. */
export function initDownloadsStore(contractClient: ContractClient): () => void {
  client = contractClient;
  useDownloadsStore.setState(initialState, true);
  const stops = [
    contractClient.on('downloads:job-changed', upsertJob),
    contractClient.on('downloads:job-removed', ({ id }) => useDownloadsStore.setState((state) => ({ jobs: state.jobs.filter((job) => job.id !== id) }))),
    contractClient.on('downloads:queue-changed', ({ running, queued, paused }) => useDownloadsStore.setState({ running, queued, paused })),
    contractClient.on('downloads:tools-changed', (tools) => useDownloadsStore.setState({ tools })),
    contractClient.on('downloads:update-changed', (update) => useDownloadsStore.setState({ update })),
    contractClient.on('downloads:ready', (notice) => {
      for (const listener of [...readyListeners]) listener(notice);
    }),
  ];
  return () => {
    for (const stop of stops) stop();
    if (client === contractClient) client = null;
  };
}

function need(): ContractClient {
  if (!client) throw new Error('The downloads store is not bound to the core.');
  return client;
}

/** Calls `listener` for each "Ready to watch" (serve mode shows it in the page). */
export function onDownloadReady(listener: (notice: ReadyNotice) => void): () => void {
  readyListeners.add(listener);
  return () => readyListeners.delete(listener);
}

export async function loadDownloads(): Promise<void> {
  if (!client) return;
  try {
    applyOverview(await client.invoke('downloads:overview'));
  } catch (error) {
    useDownloadsStore.setState({ loadError: describeError(error) });
  }
}

export async function loadDestinations(): Promise<void> {
  if (!client) return;
  try {
    useDownloadsStore.setState({ destinations: await client.invoke('downloads:destinations'), destinationsError: null });
  } catch (error) {
    useDownloadsStore.setState({ destinationsError: describeError(error) });
  }
}

export async function addDownload(url: string, quality: DownloadQuality, sectionKey?: string): Promise<DownloadJob> {
  const job = await need().invoke('downloads:add', { url, quality, ...(sectionKey ? { sectionKey } : {}) });
  upsertJob(job);
  return job;
}

export type JobAction = 'pause' | 'resume' | 'cancel' | 'retry';

export async function actOnJob(action: JobAction, id: string): Promise<DownloadJob> {
  const job = await need().invoke(`downloads:${action}`, { id });
  upsertJob(job);
  return job;
}

export async function removeJob(id: string): Promise<void> {
  await need().invoke('downloads:remove', { id });
  useDownloadsStore.setState((state) => ({ jobs: state.jobs.filter((job) => job.id !== id) }));
}

export async function pauseAll(paused: boolean): Promise<void> {
  applyOverview(await need().invoke('downloads:pause-all', { paused }));
}

export async function loadUpdateState(): Promise<void> {
  if (!client) return;
  try {
    useDownloadsStore.setState({ update: await client.invoke('downloads:update-state') });
  } catch {
    // Settings shows the button anyway; pressing it reports its own error.
  }
}

export async function updateYtDlp(): Promise<UpdateState> {
  const update = await need().invoke('downloads:update-ytdlp');
  useDownloadsStore.setState({ update });
  return update;
}

export function loadCookies(): Promise<CookieSite[]> {
  return need().invoke('downloads:cookies');
}

export function importCookies(site: string, content: string): Promise<CookieSite[]> {
  return need().invoke('downloads:import-cookies', { site, content });
}

export function removeCookies(site: string): Promise<CookieSite[]> {
  return need().invoke('downloads:remove-cookies', { site });
}
