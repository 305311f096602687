/**
 * A core with the downloads feature in a process of its own, for the test
 * that kills it with SIGKILL while four downloads run and starts it again on
 * the same data folder. Prints one JSON line per fact on stdout.
 *
 * node --import tsx tests/support/downloads-crash-child.ts <dataDir> <plexUrl> <plexToken> <ytdlpPath> [url ...]
 * With addresses it links the lab and queues them; without, it only starts (and so resumes).
 */
import { createCore } from '../../electron/core/create-core';
import { createSilentLogger } from '../../electron/core/logging/logger';
import { createFileSecretStore } from '../../electron/core/secrets/secret-store';
import { createSettingsStorage } from '../../electron/core/settings/settings-storage';
import { dispatchOrThrow, linkCoreToLab } from './downloads-lab';

const [dataDir, plexUrl, plexToken, ytdlpPath, ...urls] = process.argv.slice(2);
if (!dataDir || !plexUrl || !plexToken || !ytdlpPath) throw new Error('usage: downloads-crash-child.ts <dataDir> <plexUrl> <plexToken> <ytdlpPath> [url ...]');

const say = (line: Record<string, unknown>) => process.stdout.write(`${JSON.stringify(line)}\n`);
const core = await createCore(
  { dataDir, profile: 'default', mode: 'serve', version: 'crash-test', startHealth: false, downloadsTiming: { waitIntervalMs: 50, minFreeBytes: 1024 }, downloadsKillGraceMs: 500 },
  { settingsStorage: createSettingsStorage(dataDir), secrets: createFileSecretStore(dataDir), logger: createSilentLogger() },
);
const progressed = new Set<string>();
core.bus.on('download:started', (event) => say({ type: 'started', ...event }));
core.bus.on('download:progress', (event) => {
  if (progressed.has(event.id)) return;
  progressed.add(event.id);
  say({ type: 'progress', id: event.id });
});
core.bus.on('download:completed', (event) => say({ type: 'completed', ...event }));
core.bus.on('download:failed', (event) => say({ type: 'failed', ...event }));
say({ type: 'ready', pid: process.pid });
if (urls.length > 0) {
  await linkCoreToLab(core, { plexUrl, plexToken }, { ytdlpPath, maxConcurrent: 4 });
  for (const url of urls) say({ type: 'added', id: (await dispatchOrThrow<{ id: string }>(core, 'downloads:add', { url, quality: 'best' })).id });
}
process.on('SIGTERM', () => {
  void core.dispose().then(() => process.exit(0));
});
