/**
 * The download queue in the precious database (medianest.db): jobs and their
 * playlist items, in the order they were added. The only code that reads the
 * `download_*` tables. Columns are always named, so a later migration may add
 * columns (with defaults) and jobs stored by this version still read back.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import {
  DownloadFailureSchema,
  DownloadProgressSchema,
  type DownloadFailure,
  type DownloadProgress,
  type DownloadQuality,
  type DownloadState,
} from '../../../../shared/contract/areas/downloads';
import type { Db } from '../../db/database';

export type ItemState = 'queued' | 'running' | 'completed' | 'failed' | 'skipped';

export interface StoredItem {
  readonly index: number;
  readonly title: string;
  readonly url: string;
  readonly videoId: string | null;
  readonly state: ItemState;
  readonly percent: number | null;
  readonly file: string | null;
  readonly ratingKey: string | null;
}

export interface StoredCollection {
  readonly ratingKey: string;
  readonly title: string;
}

export interface StoredJob {
  readonly id: string;
  readonly seq: number;
  readonly url: string;
  readonly kind: 'video' | 'playlist';
  readonly title: string;
  readonly channel: string | null;
  readonly quality: DownloadQuality;
  readonly sectionKey: string;
  readonly sectionTitle: string;
  readonly state: DownloadState;
  /** The address was listed (`-J --flat-playlist`) and its items stored. */
  readonly enumerated: boolean;
  readonly progress: DownloadProgress | null;
  readonly failure: DownloadFailure | null;
  readonly attempts: number;
  readonly nextAttemptAt: number | null;
  /** The yt-dlp process group while one runs; a core that died leaves it set. */
  readonly pgid: number | null;
  readonly stagingDir: string | null;
  readonly collection: StoredCollection | null;
  readonly openUrl: string | null;
  readonly createdAt: number;
  readonly updatedAt: number;
  readonly finishedAt: number | null;
  readonly items: readonly StoredItem[];
}

export type JobPatch = Partial<
  Pick<
    StoredJob,
    'kind' | 'title' | 'channel' | 'state' | 'enumerated' | 'progress' | 'failure' | 'attempts' | 'nextAttemptAt' | 'pgid' | 'stagingDir' | 'collection' | 'openUrl' | 'finishedAt'
  >
>;
export type ItemPatch = Partial<Pick<StoredItem, 'title' | 'state' | 'percent' | 'file' | 'ratingKey'>>;

export interface NewJob {
  readonly url: string;
  readonly quality: DownloadQuality;
  readonly sectionKey: string;
  readonly sectionTitle: string;
}

export interface DownloadsStore {
  insert(job: NewJob): StoredJob;
  get(id: string): StoredJob | undefined;
  /** Every job, oldest first. */
  list(): StoredJob[];
  /** The jobs in one state, oldest first (the scheduler's look at the queue). */
  inState(state: DownloadState): StoredJob[];
  /** How many jobs are in each state. */
  countStates(): Partial<Record<DownloadState, number>>;
  update(id: string, patch: JobPatch): StoredJob | undefined;
  /** Replaces the job's items (after listing the playlist). */
  setItems(id: string, items: readonly Omit<StoredItem, 'state' | 'percent' | 'file' | 'ratingKey'>[]): void;
  updateItem(id: string, index: number, patch: ItemPatch): void;
  remove(id: string): boolean;
  getMeta(key: string): string | undefined;
  setMeta(key: string, value: string): void;
}

const CollectionSchema = z.object({ ratingKey: z.string(), title: z.string() });
const StateSchema = z.enum(['queued', 'running', 'paused', 'completed', 'failed', 'cancelled']);
const ItemStateSchema = z.enum(['queued', 'running', 'completed', 'failed', 'skipped']);
const QualitySchema = z.enum(['best', '1080p', '720p', 'audio']);

interface JobRow {
  id: string;
  seq: number;
  url: string;
  kind: string;
  title: string;
  channel: string | null;
  quality: string;
  section_key: string;
  section_title: string;
  state: string;
  enumerated: number;
  progress: string | null;
  failure: string | null;
  attempts: number;
  next_attempt_at: number | null;
  pgid: number | null;
  staging_dir: string | null;
  collection: string | null;
  open_url: string | null;
  created_at: number;
  updated_at: number;
  finished_at: number | null;
}

interface ItemRow {
  job_id: string;
  idx: number;
  title: string;
  url: string;
  video_id: string | null;
  state: string;
  percent: number | null;
  file: string | null;
  rating_key: string | null;
}

const JOB_COLUMNS =
  'id, seq, url, kind, title, channel, quality, section_key, section_title, state, enumerated, progress, failure, attempts, next_attempt_at, pgid, staging_dir, collection, open_url, created_at, updated_at, finished_at';
const ITEM_COLUMNS = 'job_id, idx, title, url, video_id, state, percent, file, rating_key';

/** A JSON column read back through its schema; a value this version cannot read is dropped, not fatal. */
function json<S extends z.ZodType>(schema: S, text: string | null): z.output<S> | null {
  if (text === null) return null;
  try {
    const parsed = schema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

function toItem(row: ItemRow): StoredItem {
  return {
    index: row.idx,
    title: row.title,
    url: row.url,
    videoId: row.video_id,
    state: ItemStateSchema.catch('queued').parse(row.state),
    percent: row.percent,
    file: row.file,
    ratingKey: row.rating_key,
  };
}

function toJob(row: JobRow, items: readonly StoredItem[]): StoredJob {
  return {
    id: row.id,
    seq: row.seq,
    url: row.url,
    kind: row.kind === 'playlist' ? 'playlist' : 'video',
    title: row.title,
    channel: row.channel,
    quality: QualitySchema.catch('best').parse(row.quality),
    sectionKey: row.section_key,
    sectionTitle: row.section_title,
    state: StateSchema.catch('failed').parse(row.state),
    enumerated: row.enumerated === 1,
    progress: json(DownloadProgressSchema, row.progress),
    failure: json(DownloadFailureSchema, row.failure),
    attempts: row.attempts,
    nextAttemptAt: row.next_attempt_at,
    pgid: row.pgid,
    stagingDir: row.staging_dir,
    collection: json(CollectionSchema, row.collection),
    openUrl: row.open_url,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    finishedAt: row.finished_at,
    items,
  };
}

const PATCH_COLUMNS: Readonly<Record<keyof JobPatch, string>> = {
  kind: 'kind',
  title: 'title',
  channel: 'channel',
  state: 'state',
  enumerated: 'enumerated',
  progress: 'progress',
  failure: 'failure',
  attempts: 'attempts',
  nextAttemptAt: 'next_attempt_at',
  pgid: 'pgid',
  stagingDir: 'staging_dir',
  collection: 'collection',
  openUrl: 'open_url',
  finishedAt: 'finished_at',
};

function columnValue(key: keyof JobPatch, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (key === 'progress' || key === 'failure' || key === 'collection') return JSON.stringify(value);
  if (key === 'enumerated') return value ? 1 : 0;
  return value;
}

export function createDownloadsStore(db: Db, now: () => number = Date.now): DownloadsStore {
  const selectJob = db.prepare<[string], JobRow>(`SELECT ${JOB_COLUMNS} FROM download_jobs WHERE id = ?`);
  const selectJobs = db.prepare<[], JobRow>(`SELECT ${JOB_COLUMNS} FROM download_jobs ORDER BY seq`);
  const selectInState = db.prepare<[string], JobRow>(`SELECT ${JOB_COLUMNS} FROM download_jobs WHERE state = ? ORDER BY seq`);
  const selectCounts = db.prepare<[], { state: string; n: number }>('SELECT state, COUNT(*) AS n FROM download_jobs GROUP BY state');
  const selectItems = db.prepare<[string], ItemRow>(`SELECT ${ITEM_COLUMNS} FROM download_items WHERE job_id = ? ORDER BY idx`);
  const selectAllItems = db.prepare<[], ItemRow>(`SELECT ${ITEM_COLUMNS} FROM download_items ORDER BY job_id, idx`);
  const nextSeq = db.prepare<[], { seq: number | null }>('SELECT MAX(seq) AS seq FROM download_jobs');
  const insertJob = db.prepare(
    `INSERT INTO download_jobs (id, seq, url, kind, title, quality, section_key, section_title, state, created_at, updated_at)
     VALUES (@id, @seq, @url, 'video', @url, @quality, @sectionKey, @sectionTitle, 'queued', @at, @at)`,
  );
  const deleteItems = db.prepare('DELETE FROM download_items WHERE job_id = ?');
  const insertItem = db.prepare(`INSERT INTO download_items (job_id, idx, title, url, video_id, state) VALUES (?, ?, ?, ?, ?, 'queued')`);
  const deleteJob = db.prepare('DELETE FROM download_jobs WHERE id = ?');
  const selectMeta = db.prepare<[string], { value: string }>('SELECT value FROM download_meta WHERE key = ?');
  const upsertMeta = db.prepare('INSERT INTO download_meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value');
  const updates = new Map<string, { run(...params: unknown[]): unknown }>();
  const prepared = (sql: string): { run(...params: unknown[]): unknown } => {
    let statement = updates.get(sql);
    if (!statement) {
      statement = db.prepare<unknown[]>(sql);
      updates.set(sql, statement);
    }
    return statement;
  };

  const get = (id: string): StoredJob | undefined => {
    const row = selectJob.get(id);
    return row && toJob(row, selectItems.all(id).map(toItem));
  };

  const setItems = db.transaction((id: string, items: readonly Omit<StoredItem, 'state' | 'percent' | 'file' | 'ratingKey'>[]) => {
    deleteItems.run(id);
    for (const item of items) insertItem.run(id, item.index, item.title, item.url, item.videoId);
  });

  return {
    insert(job) {
      const id = randomUUID();
      insertJob.run({ id, seq: (nextSeq.get()?.seq ?? 0) + 1, url: job.url, quality: job.quality, sectionKey: job.sectionKey, sectionTitle: job.sectionTitle, at: now() });
      return get(id)!;
    },
    get,
    list() {
      const items = new Map<string, StoredItem[]>();
      for (const row of selectAllItems.all()) {
        const list = items.get(row.job_id) ?? [];
        list.push(toItem(row));
        items.set(row.job_id, list);
      }
      return selectJobs.all().map((row) => toJob(row, items.get(row.id) ?? []));
    },
    inState: (state) => selectInState.all(state).map((row) => toJob(row, selectItems.all(row.id).map(toItem))),
    countStates: () => Object.fromEntries(selectCounts.all().map((row) => [row.state, row.n])) as Partial<Record<DownloadState, number>>,
    update(id, patch) {
      const keys = (Object.keys(patch) as (keyof JobPatch)[]).filter((key) => patch[key] !== undefined && key in PATCH_COLUMNS);
      const sql = `UPDATE download_jobs SET ${[...keys.map((key) => `${PATCH_COLUMNS[key]} = ?`), 'updated_at = ?'].join(', ')} WHERE id = ?`;
      prepared(sql).run(...keys.map((key) => columnValue(key, patch[key])), now(), id);
      return get(id);
    },
    setItems: (id, items) => setItems(id, items),
    updateItem(id, index, patch) {
      const columns: Record<keyof ItemPatch, string> = { title: 'title', state: 'state', percent: 'percent', file: 'file', ratingKey: 'rating_key' };
      const keys = (Object.keys(patch) as (keyof ItemPatch)[]).filter((key) => patch[key] !== undefined);
      if (keys.length === 0) return;
      const sql = `UPDATE download_items SET ${keys.map((key) => `${columns[key]} = ?`).join(', ')} WHERE job_id = ? AND idx = ?`;
      prepared(sql).run(...keys.map((key) => patch[key] ?? null), id, index);
    },
    remove: (id) => deleteJob.run(id).changes > 0,
    getMeta: (key) => selectMeta.get(key)?.value,
    setMeta: (key, value) => {
      upsertMeta.run(key, value);
    },
  };
}
