/**
 * The Plex bench rows' shared library: a simulated server with one section of
 * N generated items, in a child process of its own (so its CPU is not charged
 * to the client), and a core linked to it on a temp data folder, synced once
 * through the real path (gateway, index, FTS). Every Plex row of one run
 * measures this same library.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PlexStatus, SyncProgress } from '../../shared/contract/areas/plex';
import { createCore, type Core } from '../../electron/core/create-core';
import { createSilentLogger } from '../../electron/core/logging/logger';
import { createFileSecretStore } from '../../electron/core/secrets/secret-store';
import { createSettingsStorage } from '../../electron/core/settings/settings-storage';
import { startPlexSimPair } from '../../electron/core/features/plex/simulator/plex-sim-pair';
import { upstreamSpec } from '../../shared/contract/services';

export const PLEX_SIM_FLAG = '--plex-bench-sim';
export const PLEX_RSS_FLAG = '--plex-bench-rss';

interface SimInfo {
  readonly pmsUrl: string;
  readonly plexTvUrl: string;
  readonly serverToken: string;
  readonly machineIdentifier: string;
}

/** Runs inside the child: the simulators until stdin closes. */
export async function runPlexBenchSimulator(size: number): Promise<void> {
  const sim = await startPlexSimPair({ pms: { sections: [{ key: '1', title: 'Movies', type: 'movie', size, locations: ['/data/movies'] }], recordLimit: 1_000 } });
  const info: SimInfo = { pmsUrl: sim.pmsUrl, plexTvUrl: sim.plexTvUrl, serverToken: sim.serverToken, machineIdentifier: sim.pms.control.machineIdentifier };
  process.stdout.write(`${JSON.stringify(info)}\n`);
  process.stdin.resume();
  await new Promise((resolve) => process.stdin.once('end', resolve));
  await sim.close();
}

function startSimulatorProcess(size: number): Promise<{ child: ChildProcess; info: SimInfo }> {
  const child = spawn(process.execPath, [process.argv[1]!, PLEX_SIM_FLAG, String(size)], { stdio: ['pipe', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += String(chunk);
      const line = out.split('\n')[0];
      if (out.includes('\n') && line) resolve({ child, info: JSON.parse(line) as SimInfo });
    });
    child.once('exit', (code) => reject(new Error(`the Plex simulator exited (${code})`)));
  });
}

export interface PlexBenchLibrary {
  readonly size: number;
  readonly core: Core;
  readonly dataDir: string;
  readonly fullSyncSeconds: number;
  readonly unchangedSyncSeconds: number;
  close(): Promise<void>;
}

async function startCore(dataDir: string): Promise<Core> {
  return createCore(
    { dataDir, profile: 'default', mode: 'serve', version: 'bench', startHealth: false },
    { settingsStorage: createSettingsStorage(dataDir), secrets: createFileSecretStore(dataDir), logger: createSilentLogger() },
  );
}

async function waitForSync(core: Core): Promise<SyncProgress> {
  return new Promise((resolve) => {
    const stop = core.bus.on('plex:sync-progressed', (progress) => {
      if (progress.state === 'done' || progress.state === 'failed' || progress.state === 'cancelled') {
        stop();
        resolve(progress);
      }
    });
  });
}

/** Syncs and returns seconds; throws when the sync did not finish well. */
async function timedSync(core: Core, full: boolean): Promise<number> {
  const done = waitForSync(core);
  const started = performance.now();
  const outcome = await core.dispatch('plex:sync', { full });
  if (!outcome.ok) throw new Error(outcome.error.message);
  const progress = await done;
  // Let the run finish settling (its promise resolves after its last event).
  await new Promise((resolve) => setImmediate(resolve));
  if (progress.state !== 'done') throw new Error(`the sync ended ${progress.state}: ${progress.message}`);
  return (performance.now() - started) / 1000;
}

const libraries = new Map<number, Promise<PlexBenchLibrary>>();

/** The synced library of `size` items (made once per run and size). */
export function plexBenchLibrary(size: number): Promise<PlexBenchLibrary> {
  let found = libraries.get(size);
  if (!found) {
    found = (async () => {
      const { child, info } = await startSimulatorProcess(size);
      const dataDir = mkdtempSync(join(tmpdir(), 'medianest-bench-plex-'));
      // Linked the way a sign-in leaves it: the server's address, token and name.
      const core = await startCore(dataDir);
      const secret = await core.dispatch('settings:update', {
        services: { plex: { enabled: true, baseUrl: info.pmsUrl, accountUrl: info.plexTvUrl, tuning: { timeoutMs: 60_000, breaker: { timeoutMs: 60_000 } } } },
        plexAccount: { serverId: info.machineIdentifier, serverName: 'Bench' },
        secrets: { [upstreamSpec('plex').secret!.name]: info.serverToken },
      });
      if (!secret.ok) throw new Error(secret.error.message);
      const fullSyncSeconds = await timedSync(core, true);
      const unchangedSyncSeconds = await timedSync(core, false);
      const status = (await core.dispatch('plex:status', undefined)) as { ok: true; result: PlexStatus };
      if (status.result.itemCount !== size) throw new Error(`the index holds ${status.result.itemCount} of ${size} items`);
      return {
        size,
        core,
        dataDir,
        fullSyncSeconds,
        unchangedSyncSeconds,
        async close() {
          await core.dispose();
          child.stdin!.end();
          rmSync(dataDir, { recursive: true, force: true });
        },
      };
    })();
    libraries.set(size, found);
  }
  return found;
}

export async function closePlexBenchLibraries(): Promise<void> {
  for (const library of libraries.values()) await (await library).close().catch(() => undefined);
  libraries.clear();
}

/** Runs inside a fresh child: a core on the synced data folder, the index used, then RSS. */
export async function probePlexRss(dataDir: string): Promise<void> {
  const core = await startCore(dataDir);
  await core.dispatch('plex:sections', undefined);
  for (const query of ['si', 'amel', 'river', 'lodz', 'ight']) await core.dispatch('plex:search', { query });
  await core.dispatch('plex:items', { sectionKey: '1', offset: 50_000, limit: 120 });
  const rssMb = process.memoryUsage().rss / (1024 * 1024);
  await core.dispose();
  process.stdout.write(JSON.stringify({ rssMb }));
}

/** RSS of a fresh process that opened the synced index (MB). */
export function measurePlexRss(dataDir: string): Promise<number> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [process.argv[1]!, PLEX_RSS_FLAG, dataDir], { timeout: 120_000 }, (error, stdout) => {
      if (error) reject(error);
      else resolve((JSON.parse(stdout) as { rssMb: number }).rssMb);
    });
  });
}
