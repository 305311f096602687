/**
 * The tools' Health cards as they count: while downloads are not set up (no
 * library chosen, or no medianest.db to keep a queue in), an old or missing
 * yt-dlp troubles nobody, so its cards are `off` (no alerts, the tray stays
 * calm) and say what was found and why it does not count yet. Once set up,
 * the tools' own states show.
 */
import type { HealthSource, SourceEntry, SourceUpdate } from '../../health/health-source';
import { createUpdateEmitter } from '../../health/health-source';

export interface ToolsInUseDeps {
  readonly tools: HealthSource;
  /** Why downloads cannot be used yet (in words), or null when they can. */
  readonly notInUse: () => string | null;
  /** Called when `notInUse` may have changed (settings changed); returns the unsubscribe function. */
  readonly onChange: (listener: () => void) => () => void;
}

export function toolsInUseHealth(deps: ToolsInUseDeps): HealthSource & { dispose(): void } {
  const emitter = createUpdateEmitter();
  let reason = deps.notInUse();
  const shown = (entry: SourceEntry): SourceEntry =>
    reason === null || entry.state === 'off' ? entry : { ...entry, state: 'off', since: null, detail: [entry.detail, reason].filter(Boolean).join(' · ').slice(0, 500), error: null };
  const map = (update: SourceUpdate): SourceUpdate => ({
    ...update,
    changed: update.changed.map(shown),
    observations: reason === null ? update.observations : update.observations.map((observation) => ({ ...observation, state: 'off' as const })),
  });
  const stopTools = deps.tools.subscribe((update) => emitter.emit(map(update)));
  const stopChange = deps.onChange(() => {
    const next = deps.notInUse();
    if (next === reason) return;
    reason = next;
    // Every card again, in its new light.
    emitter.emit({ changed: deps.tools.entries().map(shown), removed: [], observations: [] });
  });
  return {
    name: deps.tools.name,
    entries: () => deps.tools.entries().map(shown),
    checkNow: (id) => deps.tools.checkNow(id),
    subscribe: emitter.subscribe,
    dispose() {
      stopTools();
      stopChange();
    },
  };
}
