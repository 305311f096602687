/**
 * Believable downloads for renderer tests: a job, a destination and a tool,
 * each with what a test does not name filled in.
 */
import type { Destination, DownloadJob, DownloadsOverview, ToolStatus } from '../../../shared/contract/areas/downloads';

export function fakeJob(patch: Partial<DownloadJob> = {}): DownloadJob {
  const now = Date.now();
  return {
    id: 'job-1',
    url: 'https://videos.example/watch?v=1',
    kind: 'video',
    title: 'Sunset timelapse',
    channel: 'Sky Studio',
    quality: 'best',
    sectionKey: '7',
    sectionTitle: 'Other Videos',
    state: 'queued',
    label: 'Waiting for a free slot',
    progress: null,
    items: [{ index: 0, title: 'Sunset timelapse', url: 'https://videos.example/watch?v=1', state: 'queued', percent: null, file: null, ratingKey: null }],
    failure: null,
    attempts: 0,
    nextAttemptAt: null,
    collection: null,
    openUrl: null,
    createdAt: now,
    updatedAt: now,
    finishedAt: null,
    canPause: true,
    canResume: false,
    canCancel: true,
    canRetry: false,
    canRemove: false,
    ...patch,
  };
}

export function fakeDestination(patch: Partial<Destination> = {}): Destination {
  return {
    sectionKey: '7',
    title: 'Other Videos',
    type: 'movie',
    agent: 'tv.plex.agents.none',
    plexLocations: ['/data/videos'],
    localLocations: ['/srv/media/videos'],
    naming: 'Channel/Title',
    usable: true,
    note: null,
    audioOnly: false,
    ...patch,
  };
}

export function fakeTool(patch: Partial<ToolStatus> = {}): ToolStatus {
  return { name: 'yt-dlp', label: 'yt-dlp', found: true, path: '/usr/bin/yt-dlp', version: '2026.08.19', origin: 'system', problem: null, severity: 'ok', ...patch };
}

export function fakeOverview(patch: Partial<DownloadsOverview> = {}): DownloadsOverview {
  return { jobs: [], tools: [fakeTool()], paused: false, running: 0, queued: 0, unavailable: null, demoPlaylistUrl: null, ...patch };
}
