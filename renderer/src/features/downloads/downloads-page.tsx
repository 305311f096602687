/**
 * Downloads: paste (or drop) a link, pick the quality and the Plex library,
 * and follow the queue (progress, speed, time left, playlists item by item,
 * failures with what to do) and the history ("Open in Plex"). What stops
 * downloads (no medianest.db, no yt-dlp, no library chosen) is said at the top.
 */
import { Download, History, Library, Pause, Play } from 'lucide-react';
import { useEffect, useState, type DragEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { showError, useCoreReachable } from '../../app/app-store';
import { useHashRoute } from '../../app/routing/hash-router';
import { useSettingsStore } from '../../app/settings-store';
import { Banner } from '../../ui/banner';
import { EmptyState } from '../../ui/empty-state';
import { LoadError } from '../../ui/load-error';
import { PageHeader } from '../../ui/page-heading';
import { SettingsLink } from '../../ui/settings-link';
import { useNow } from '../../ui/use-now';
import { AddDownloadForm } from './add-download-form';
import { DownloadCard } from './download-card';
import { droppedAddress, isHistory } from './download-words';
import { loadDestinations, loadDownloads, pauseAll, useDownloadsStore } from './downloads-store';
import { ToolsBanner } from './tools-banner';
import './downloads.css';

function PauseAllButton() {
  const { paused, running, queued } = useDownloadsStore(useShallow((state) => ({ paused: state.paused, running: state.running, queued: state.queued })));
  const reachable = useCoreReachable();
  const [busy, setBusy] = useState(false);
  if (!paused && running === 0 && queued === 0) return null;
  const toggle = async (): Promise<void> => {
    setBusy(true);
    try {
      await pauseAll(!paused);
    } catch (error) {
      showError(error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <button type="button" className="button" disabled={busy || !reachable} aria-busy={busy} onClick={() => void toggle()}>
      {paused ? <Play aria-hidden="true" size={16} /> : <Pause aria-hidden="true" size={16} />}
      {paused ? 'Resume downloads' : 'Pause all'}
    </button>
  );
}

function countsLine(running: number, queued: number): string {
  const parts = [running === 1 ? 'One download running' : running > 1 ? `${running} downloads running` : null, queued > 0 ? `${queued} waiting` : null].filter(Boolean);
  return parts.length > 0 ? parts.join(', ') : 'Nothing running';
}

function JobList({ label, jobs, now }: { readonly label: string; readonly jobs: readonly ReturnType<typeof useDownloadsStore.getState>['jobs'][number][]; readonly now: number }) {
  return (
    <ul className="download-list" aria-label={label}>
      {jobs.map((job) => (
        <DownloadCard key={job.id} job={job} now={now} />
      ))}
    </ul>
  );
}

export function DownloadsPage() {
  const state = useDownloadsStore(
    useShallow((each) => ({
      jobs: each.jobs,
      tools: each.tools,
      paused: each.paused,
      running: each.running,
      queued: each.queued,
      unavailable: each.unavailable,
      demoPlaylistUrl: each.demoPlaylistUrl,
      loaded: each.loaded,
      loadError: each.loadError,
      destinations: each.destinations,
      destinationsError: each.destinationsError,
    })),
  );
  const downloadSettings = useSettingsStore((each) => each.settings?.downloads);
  const reachable = useCoreReachable();
  const now = useNow(5_000);
  const { section, seq } = useHashRoute();
  const [dropped, setDropped] = useState<{ url: string; seq: number } | null>(null);
  const [dragging, setDragging] = useState(false);

  useEffect(() => {
    void loadDownloads();
    void loadDestinations();
  }, []);

  // Pasting anywhere on the page (not into a field) fills the address, like a drop.
  useEffect(() => {
    const onPaste = (event: ClipboardEvent): void => {
      const target = event.target as Element | null;
      if (target?.closest?.('input, textarea, select, [contenteditable="true"]')) return;
      const url = event.clipboardData?.getData('text/plain').trim() ?? '';
      if (url === '') return;
      event.preventDefault();
      setDropped((current) => ({ url, seq: (current?.seq ?? 0) + 1 }));
    };
    document.addEventListener('paste', onPaste);
    return () => document.removeEventListener('paste', onPaste);
  }, []);

  // `#/downloads/<id>` (a notification's target) brings that download into view.
  useEffect(() => {
    if (section && state.loaded) requestAnimationFrame(() => document.getElementById(`download-${section}`)?.scrollIntoView?.({ block: 'center' }));
  }, [section, seq, state.loaded]);

  const onDragOver = (event: DragEvent<HTMLDivElement>): void => {
    const types = Array.from(event.dataTransfer.types);
    if (!types.includes('text/uri-list') && !types.includes('text/plain')) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
    setDragging(true);
  };
  const onDrop = (event: DragEvent<HTMLDivElement>): void => {
    setDragging(false);
    const url = droppedAddress(event.dataTransfer);
    if (url === '') return;
    event.preventDefault();
    setDropped((current) => ({ url, seq: (current?.seq ?? 0) + 1 }));
  };

  const queue = state.jobs.filter((job) => !isHistory(job));
  const history = state.jobs.filter(isHistory);
  const noLibraryChosen = downloadSettings !== undefined && downloadSettings.sectionKey === '';
  const destinations = state.destinations ?? [];

  return (
    <div
      className="page downloads-page"
      data-dragging={dragging ? true : undefined}
      onDragOver={onDragOver}
      onDragLeave={(event) => {
        if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setDragging(false);
      }}
      onDrop={onDrop}
    >
      <PageHeader title="Downloads" lead="Videos and playlists downloaded with yt-dlp into your Plex library, ready to watch." actions={<PauseAllButton />} />
      {state.loadError ? (
        <LoadError title="The downloads could not be loaded." message={state.loadError} onRetry={loadDownloads} canRetry={reachable} />
      ) : !state.loaded ? (
        <div className="skeleton downloads__skeleton" aria-busy="true" aria-label="Loading downloads" />
      ) : (
        <>
          {state.unavailable ? (
            <Banner tone="danger" role="alert" title="Downloads cannot run right now" testId="downloads-unavailable">
              <p>{state.unavailable}</p>
            </Banner>
          ) : null}
          <ToolsBanner tools={state.tools} />
          {state.paused ? (
            <Banner tone="warn" icon={Pause} title="All downloads are paused" action={<PauseAllButton />}>
              <p>Nothing new starts until you resume; paused downloads continue where they stopped.</p>
            </Banner>
          ) : null}
          {state.unavailable ? null : state.destinationsError ? (
            <LoadError title="Plex’s libraries could not be listed." message={state.destinationsError} onRetry={loadDestinations} canRetry={reachable} />
          ) : state.destinations !== null && destinations.length === 0 ? (
            <EmptyState icon={Library} title="No Plex library to download into" testId="downloads-no-library" action={<SettingsLink primary section="plex">Connect Plex</SettingsLink>}>
              <p>Downloads go into a library of your Plex server. Sign in to Plex in Settings; an “Other Videos” library is the best home for them.</p>
            </EmptyState>
          ) : (
            <>
              {noLibraryChosen ? (
                <Banner tone="info" title="Choose where downloads go" testId="downloads-no-destination" action={<SettingsLink section="downloads">Choose a library</SettingsLink>}>
                  <p>No library is chosen in Settings yet: pick one for each download below, or set the usual one in Settings → Downloads.</p>
                </Banner>
              ) : null}
              <AddDownloadForm
                destinations={destinations}
                defaultSectionKey={downloadSettings?.sectionKey ?? ''}
                defaultQuality={downloadSettings?.quality ?? 'best'}
                demoPlaylistUrl={state.demoPlaylistUrl}
                dropped={dropped}
              />
            </>
          )}
          <section className="downloads__section" aria-labelledby="downloads-queue-title">
            <div className="downloads__section-head">
              <h2 id="downloads-queue-title" className="page__section-title">
                Queue
              </h2>
              <p className="downloads__counts" aria-live="polite">
                {countsLine(state.running, state.queued)}
              </p>
            </div>
            {queue.length === 0 ? (
              <p className="downloads__queue-empty" data-testid="downloads-queue-empty">
                <Download aria-hidden="true" size={18} />
                <span>
                  {state.unavailable
                    ? 'Nothing in the queue.'
                    : state.demoPlaylistUrl
                      ? 'Nothing in the queue. Paste a link above, or try the demo playlist.'
                      : 'Nothing in the queue. Paste the address of a video or a playlist above and press Download.'}
                </span>
              </p>
            ) : (
              <JobList label="Queue" jobs={queue} now={now} />
            )}
          </section>
          {history.length > 0 ? (
            <section className="downloads__section" aria-labelledby="downloads-history-title">
              <div className="downloads__section-head">
                <h2 id="downloads-history-title" className="page__section-title">
                  <History aria-hidden="true" size={18} /> History
                </h2>
              </div>
              <JobList label="History" jobs={history} now={now} />
            </section>
          ) : null}
        </>
      )}
      {dragging ? (
        <div className="downloads__drop-hint" aria-hidden="true">
          Drop the link to download it
        </div>
      ) : null}
    </div>
  );
}
