/**
 * A core with the Overseerr feature in a process of its own, for the test
 * that kills it with SIGKILL while the outbox drains and starts it again on
 * the same data folder. Prints one JSON line per fact on stdout.
 *
 * node --import tsx tests/support/overseerr-crash-child.ts <dataDir> <overseerrUrl> <apiKey> <count>
 */
import { createCore } from '../../electron/core/create-core';
import { createSilentLogger } from '../../electron/core/logging/logger';
import { createFileSecretStore } from '../../electron/core/secrets/secret-store';
import { createSettingsStorage } from '../../electron/core/settings/settings-storage';
import { MOVIE_BASE } from '../../electron/core/features/overseerr/simulator/sim-catalogue';
import { FAST_OUTBOX, LAB_TUNING } from '../../electron/core/features/overseerr/overseerr-test-kit';

const [dataDir, url, apiKey, countText] = process.argv.slice(2);
if (!dataDir || !url || !apiKey || countText === undefined) throw new Error('usage: outbox-crash-child.ts <dataDir> <overseerrUrl> <apiKey> <count>');

const say = (line: Record<string, unknown>) => process.stdout.write(`${JSON.stringify(line)}\n`);
const core = await createCore(
  { dataDir, profile: 'default', mode: 'serve', version: 'crash-test', startHealth: false, overseerrTiming: { outbox: FAST_OUTBOX } },
  { settingsStorage: createSettingsStorage(dataDir), secrets: createFileSecretStore(dataDir), logger: createSilentLogger() },
);
const saved = await core.dispatch('settings:update', { services: { overseerr: { enabled: true, baseUrl: url, tuning: LAB_TUNING } }, secrets: { 'overseerr.apiKey': apiKey } });
if (!saved.ok) say({ type: 'error', error: saved.error });
for (let i = 1; i <= Number(countText); i++) {
  const result = await core.dispatch('overseerr:request', { mediaType: 'movie', tmdbId: MOVIE_BASE + i, is4k: false });
  if (!result.ok) say({ type: 'error', error: result.error });
}
say({ type: 'ready', pid: process.pid });
const timer = setInterval(() => {
  void core.dispatch('overseerr:requests', undefined).then((result) => {
    if (!result.ok) return;
    const views = result.result as { state: string }[];
    say({ type: 'progress', total: views.length, waiting: views.filter((view) => view.state === 'waiting').length });
  });
}, 50);
process.on('SIGTERM', () => {
  clearInterval(timer);
  void core.dispose().then(() => process.exit(0));
});
