/**
 * `core.ready_ms` and `core.rss_mb`: a core started with an empty profile, each
 * measured in a fresh Node process so earlier rows cannot skew memory.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCore } from '../../electron/core/create-core';
import { createSilentLogger } from '../../electron/core/logging/logger';
import { createFileSecretStore } from '../../electron/core/secrets/secret-store';
import { createSettingsStorage } from '../../electron/core/settings/settings-storage';
import type { BenchRow } from '../bench-row';

export const PROBE_FLAG = '--probe-core-startup';

/** Runs inside the child: start a core on an empty data folder, report, dispose. */
export async function probeCoreStartup(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'medianest-bench-'));
  const core = await createCore(
    { dataDir, profile: 'default', mode: 'serve', version: 'bench' },
    { settingsStorage: createSettingsStorage(dataDir), secrets: createFileSecretStore(dataDir), logger: createSilentLogger() },
  );
  await core.dispatch('app:info', undefined);
  // From process start (performance's time origin): module loading is part of start-up.
  const readyMs = performance.now();
  const rssMb = process.memoryUsage().rss / (1024 * 1024);
  await core.dispose();
  rmSync(dataDir, { recursive: true, force: true });
  process.stdout.write(JSON.stringify({ readyMs, rssMb }));
}

let probe: Promise<{ readyMs: number; rssMb: number }> | undefined;
function measure(): Promise<{ readyMs: number; rssMb: number }> {
  probe ??= new Promise((resolve, reject) => {
    execFile(process.execPath, [process.argv[1]!, PROBE_FLAG], { timeout: 30_000 }, (error, stdout) => {
      if (error) reject(error);
      else resolve(JSON.parse(stdout) as { readyMs: number; rssMb: number });
    });
  });
  return probe;
}

export const rows: BenchRow[] = [
  {
    name: 'core.ready_ms',
    unit: 'ms',
    goal: '≤ 500',
    async run() {
      const { readyMs } = await measure();
      return { value: readyMs, pass: readyMs <= 500 };
    },
  },
  {
    name: 'core.rss_mb',
    unit: 'MB',
    goal: '≤ 120',
    async run() {
      const { rssMb } = await measure();
      return { value: rssMb, pass: rssMb <= 120 };
    },
  },
];
