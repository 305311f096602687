/**
 * Fakes for the queue's seams (tests only): a yt-dlp runner driven by the
 * test, tools that always find yt-dlp, a Plex library in memory, cookies.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { DownloadFailure, DownloadProgress, ToolStatus, UpdateState } from '../../../../shared/contract/areas/downloads';
import { defaultSettings } from '../../../../shared/contract/areas/settings';
import type { CoreEvents } from '../../events/core-events';
import type { HealthSource } from '../../health/health-source';
import type { DownloadSettings } from './downloads-queue';
import type { DownloadCookies } from './downloads-feature';
import type { DownloadSection, PlexLibraryPort } from './plex-library-port';
import type { DownloadTools, ResolvedTools } from './tools/tools-types';
import type { Enumerated, RunOptions, RunResult, YtDlpBinary, YtDlpRunner } from './ytdlp/ytdlp-types';

export const FAKE_BINARY: YtDlpBinary = { path: '/usr/bin/yt-dlp', version: '2026.08.19', hasProgressDelta: true, hasJsRuntimes: true, postprocessNewline: true };

export function progressAt(percent: number, total = 1000): DownloadProgress {
  return { downloadedBytes: (total * percent) / 100, totalBytes: total, estimated: false, percent, speed: 100, eta: 1, phase: 'downloading', fragmentIndex: null, fragmentCount: null };
}

/** What yt-dlp would make of a template (the fields the naming uses). */
export function renderTemplate(template: string, id: string): string {
  return template
    .replace(/%\(id\)s/g, id)
    .replace(/%\(ext\)s/g, 'mp4')
    .replace(/%\(upload_date>%Y\|0000\)s/g, '2026')
    .replace(/%\(upload_date>%m%d\|0000\)s/g, '0102')
    .replace(/%%/g, '%');
}

export interface FakeRun {
  readonly options: RunOptions;
  readonly pgid: number;
  stopReason: 'cancel' | 'pause' | 'quit' | undefined;
  progress(progress: DownloadProgress): void;
  /** Writes the final file (or none: the archive had it) and ends well. */
  finish(options?: { skipped?: boolean }): string | undefined;
  fail(failure: DownloadFailure): void;
  /** Ends well, reporting `file` as where it landed. */
  finishWith(file: string): void;
  readonly settled: boolean;
}

export interface FakeRunner extends YtDlpRunner {
  readonly runs: FakeRun[];
  readonly killed: number[];
  readonly order: string[];
  /** What `enumerate` answers for an address (a single video by default). */
  listings: Map<string, Enumerated>;
  /** Finish every run by itself after this many ms (undefined: the test drives them). */
  autoFinishMs: number | undefined;
}

export function createFakeRunner(): FakeRunner {
  const runs: FakeRun[] = [];
  const killed: number[] = [];
  const order: string[] = [];
  let nextPgid = 5000;
  const runner: FakeRunner = {
    runs,
    killed,
    order,
    listings: new Map(),
    autoFinishMs: undefined,
    async enumerate(_binary, url) {
      order.push(`enumerate ${url}`);
      const listed = runner.listings.get(url);
      if (listed) return listed;
      const id = url.split('/').at(-1) ?? 'video';
      return { kind: 'video', id, title: `Video ${id}`, channel: 'Lab Channel', uploadDate: '20260102', items: [] };
    },
    run(_binary, options, listener) {
      order.push(`run ${options.url}`);
      const pgid = nextPgid++;
      mkdirSync(options.stagingDir, { recursive: true });
      writeFileSync(join(options.stagingDir, `${pgid}.mp4.part`), 'partial');
      let settle!: (result: RunResult) => void;
      const done = new Promise<RunResult>((resolve) => (settle = resolve));
      let settled = false;
      const end = (result: RunResult) => {
        if (settled) return;
        settled = true;
        settle(result);
      };
      const id = options.url.split('/').at(-1) ?? 'video';
      const run: FakeRun = {
        options,
        pgid,
        stopReason: undefined,
        progress: (progress) => listener.progress(progress),
        finish(finishOptions = {}) {
          if (finishOptions.skipped) {
            end({ ok: true, files: [] });
            return undefined;
          }
          const file = join(options.outputDir, renderTemplate(options.outputTemplate, id));
          mkdirSync(dirname(file), { recursive: true });
          writeFileSync(file, 'video');
          end({ ok: true, files: [file] });
          return file;
        },
        fail: (failure) => end({ ok: false, stopped: false, failure }),
        finishWith: (file) => end({ ok: true, files: [file] }),
        get settled() {
          return settled;
        },
      };
      runs.push(run);
      if (runner.autoFinishMs !== undefined) {
        const timer = setTimeout(() => {
          listener.progress(progressAt(50));
          run.finish();
        }, runner.autoFinishMs);
        void done.then(() => clearTimeout(timer));
      }
      return {
        pgid,
        done,
        async stop(reason) {
          run.stopReason = reason;
          end({ ok: false, stopped: true });
        },
      };
    },
    async killLeftoverGroup(pgid) {
      order.push(`kill ${pgid}`);
      killed.push(pgid);
    },
  };
  return runner;
}

export function createFakeTools(found = true): DownloadTools & { resolved: ResolvedTools } {
  const status: ToolStatus[] = [
    { name: 'yt-dlp', label: 'yt-dlp', found, path: found ? FAKE_BINARY.path : null, version: found ? FAKE_BINARY.version : null, origin: found ? 'system' : null, problem: found ? null : 'yt-dlp was not found.', severity: found ? 'ok' : 'error' },
  ];
  const resolved: ResolvedTools = { ytdlp: found ? FAKE_BINARY : undefined, ffmpegPath: '/usr/bin/ffmpeg', jsRuntime: undefined, status };
  const idle: UpdateState = { state: 'idle', managedVersion: null, message: null, checkedAt: null };
  const healthSource: HealthSource = { name: 'downloads', entries: () => [], checkNow: async () => undefined, subscribe: () => () => undefined };
  return {
    resolved,
    resolve: async () => resolved,
    healthSource,
    updateYtDlp: async () => idle,
    updateState: () => idle,
    onChanged: () => () => undefined,
    onUpdateChanged: () => () => undefined,
    dispose: () => undefined,
  };
}

export interface FakePlex extends PlexLibraryPort {
  readonly scans: { sectionKey: string; folder: string }[];
  readonly collections: Map<string, { sectionKey: string; title: string; items: string[] }>;
  /** File (as Plex sees it) → rating key, once "listed". */
  readonly listed: Map<string, string>;
  failScans: boolean;
}

export function createFakePlex(sections: DownloadSection[]): FakePlex {
  let nextKey = 100;
  const plex: FakePlex = {
    scans: [],
    collections: new Map(),
    listed: new Map(),
    failScans: false,
    sections: async () => sections,
    async scanFolder(sectionKey, folder) {
      if (plex.failScans) throw new Error('Plex is down');
      plex.scans.push({ sectionKey, folder });
    },
    async waitForFile(_sectionKey, file) {
      const key = plex.listed.get(file) ?? String(nextKey++);
      plex.listed.set(file, key);
      return key;
    },
    async findCollection(sectionKey, title) {
      return [...plex.collections].find(([, collection]) => collection.sectionKey === sectionKey && collection.title === title)?.[0];
    },
    async createCollection(sectionKey, title, ratingKeys) {
      const key = `c${nextKey++}`;
      plex.collections.set(key, { sectionKey, title, items: [...ratingKeys] });
      return key;
    },
    async addToCollection(collectionKey, ratingKeys) {
      const collection = plex.collections.get(collectionKey)!;
      for (const key of ratingKeys) if (!collection.items.includes(key)) collection.items.push(key);
    },
    openUrl: (ratingKey) => `https://app.plex.tv/desktop/#!/server/sim/details?key=${ratingKey}`,
  };
  return plex;
}

export function createFakeCookies(): DownloadCookies & { copies: string[]; removed: string[] } {
  const sites = new Map<string, { site: string; cookies: number; importedAt: number }>();
  const copies: string[] = [];
  const removed: string[] = [];
  return {
    copies,
    removed,
    list: async () => [...sites.values()],
    import: async (site, content) => {
      sites.set(site, { site, cookies: content.split('\n').filter((line) => line && !line.startsWith('#')).length, importedAt: 1 });
      return [...sites.values()];
    },
    remove: async (site) => {
      sites.delete(site);
      return [...sites.values()];
    },
    async jobCopy(url, dir) {
      const site = [...sites.keys()].find((name) => new URL(url).hostname.endsWith(name));
      if (!site) return undefined;
      const path = join(dir, 'cookies.txt');
      writeFileSync(path, 'cookies', { mode: 0o600 });
      copies.push(url);
      return { site, path, remove: async () => void removed.push(path) };
    },
  };
}

/** A library folder (as Plex sees it: `/plex/...`, mapped to a temp folder here) with an Other Videos, a TV and a music section. */
export function createLibraryLayout(): { base: string; sections: DownloadSection[]; settings: DownloadSettings } {
  const base = mkdtempSync(join(tmpdir(), 'medianest-downloads-'));
  for (const folder of ['Downloads', 'TV', 'Music']) mkdirSync(join(base, 'library', folder), { recursive: true });
  const sections: DownloadSection[] = [
    { key: '7', title: 'Downloads', type: 'movie', agent: 'tv.plex.agents.none', locations: ['/plex/Downloads'] },
    { key: '8', title: 'YouTube TV', type: 'show', agent: 'tv.plex.agents.series', locations: ['/plex/TV'] },
    { key: '9', title: 'Music', type: 'artist', agent: 'tv.plex.agents.music', locations: ['/plex/Music'] },
  ];
  const settings: DownloadSettings = {
    ...defaultSettings().downloads,
    sectionKey: '7',
    pathMappings: [{ plexPath: '/plex', localPath: join(base, 'library') }],
  };
  return { base, sections, settings };
}

/** Every event emitted, in order. */
export function createRecordingBus(): { emit<K extends keyof CoreEvents>(event: K, payload: CoreEvents[K]): void; events: { event: keyof CoreEvents; payload: unknown }[]; of<K extends keyof CoreEvents>(event: K): CoreEvents[K][] } {
  const events: { event: keyof CoreEvents; payload: unknown }[] = [];
  return {
    events,
    emit: (event, payload) => {
      events.push({ event, payload });
    },
    of: <K extends keyof CoreEvents>(event: K) => events.filter((entry) => entry.event === event).map((entry) => entry.payload as CoreEvents[K]),
  };
}
