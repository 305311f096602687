/**
 * yt-dlp, ffmpeg and the JavaScript runtime as cards on the Health page
 * (`downloads:yt-dlp`, `downloads:ffmpeg`, `downloads:js-runtime`): up when
 * all is well, degraded when it works but not for every site (an old yt-dlp
 * and YouTube, no runtime), down when downloads cannot run.
 */
import type { ToolName, ToolStatus } from '../../../../../shared/contract/areas/downloads';
import type { EntryState } from '../../../../../shared/contract/areas/health-entries';
import { createUpdateEmitter, type HealthSource, type SourceEntry } from '../../../health/health-source';

export const TOOL_ENTRY_IDS: Readonly<Record<ToolName, string>> = {
  'yt-dlp': 'downloads:yt-dlp',
  ffmpeg: 'downloads:ffmpeg',
  'js-runtime': 'downloads:js-runtime',
};

const NAMES: Readonly<Record<ToolName, string>> = { 'yt-dlp': 'yt-dlp', ffmpeg: 'ffmpeg', 'js-runtime': 'JavaScript runtime' };
const ORDER: readonly ToolName[] = ['yt-dlp', 'ffmpeg', 'js-runtime'];

export interface ToolsHealthDeps {
  /** Looks for the tools again; `report` is called with what it found. */
  readonly recheck: () => Promise<void>;
  readonly now: () => number;
}

export interface ToolsHealthSource extends HealthSource {
  /** What one look found: the cards that changed are sent, with one observation per card. */
  report(status: readonly ToolStatus[]): void;
}

const STATES: Readonly<Record<ToolStatus['severity'], EntryState>> = { ok: 'up', warning: 'degraded', error: 'down' };

function originWords(status: ToolStatus): string {
  switch (status.origin) {
    case 'configured':
      return 'the one set in Settings';
    case 'managed':
      return 'MediaNest’s own copy';
    case 'system':
      return 'the system’s';
    default:
      return '';
  }
}

function detail(status: ToolStatus): string {
  if (!status.found || status.version === null) return status.name === 'yt-dlp' ? 'Not found: downloads cannot run.' : 'Not found.';
  const what = status.name === 'js-runtime' ? `${status.label} ${status.version}` : `Version ${status.version}`;
  const origin = originWords(status);
  return `${what}${origin ? `, ${origin}` : ''}${status.path ? ` at ${status.path}` : ''}.`.slice(0, 300);
}

export function createToolsHealthSource(deps: ToolsHealthDeps): ToolsHealthSource {
  const emitter = createUpdateEmitter();
  const cards = new Map<ToolName, SourceEntry>();

  const pending = (name: ToolName): SourceEntry => ({
    id: TOOL_ENTRY_IDS[name],
    source: 'downloads',
    service: null,
    upstream: null,
    name: NAMES[name],
    group: 'Downloads',
    state: 'pending',
    since: null,
    lastCheckedAt: null,
    responseTimeMs: null,
    uptime24h: null,
    detail: 'Not checked yet.',
    error: null,
    recent: [],
    openUrl: null,
  });

  return {
    name: 'downloads',
    entries: () => ORDER.map((name) => cards.get(name) ?? pending(name)),
    async checkNow() {
      // One look finds all three; checking one card checks them all.
      await deps.recheck();
    },
    subscribe: emitter.subscribe,
    report(statuses) {
      const at = deps.now();
      const changed: SourceEntry[] = [];
      const observations: { id: string; name: string; state: EntryState; at: number }[] = [];
      for (const status of statuses) {
        const before = cards.get(status.name);
        const state = STATES[status.severity];
        const next: SourceEntry = {
          ...pending(status.name),
          state,
          since: before && before.state === state ? before.since : at,
          lastCheckedAt: at,
          detail: detail(status),
          error: status.problem,
        };
        cards.set(status.name, next);
        // lastCheckedAt moves with every look, so every card checked is sent.
        changed.push(next);
        observations.push({ id: next.id, name: next.name, state, at });
      }
      emitter.emit({ changed, removed: [], observations });
    },
  };
}
