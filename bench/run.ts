/**
 * `npm run bench [-- <prefix>…] [--json]`: every row measured in this one run.
 * Rows are listed here; each area adds its own file under bench/rows/.
 */
import type { BenchRow } from './bench-row';
import { formatTable, parseArgs, runRows, selectRows } from './harness';
import { PROBE_FLAG, probeCoreStartup, rows as coreRows } from './rows/core-startup';
import { DOWNLOADS_CPU_FLAG, probeDownloadsCpu, rows as downloadsCpuRows } from './rows/downloads-cpu-rows';
import { rows as downloadsRunnerRows } from './rows/downloads-runner-rows';
import { rows as gatewayDownRows } from './rows/gateway-down-p99';
import { rows as gatewayOverheadRows } from './rows/gateway-overhead';
import { closePlexBenchLibraries, PLEX_RSS_FLAG, PLEX_SIM_FLAG, probePlexRss, runPlexBenchSimulator } from './rows/plex-bench-fixture';
import { rows as plexRows } from './rows/plex-rows';
import { closePlexUiSession, rows as plexUiRows } from './rows/plex-ui-rows';

const allRows: readonly BenchRow[] = [...coreRows, ...gatewayOverheadRows, ...gatewayDownRows, ...plexRows, ...plexUiRows, ...downloadsRunnerRows, ...downloadsCpuRows];

async function main(): Promise<void> {
  if (process.argv.includes(PROBE_FLAG)) return probeCoreStartup();
  const downloadsProbe = process.argv.indexOf(DOWNLOADS_CPU_FLAG);
  if (downloadsProbe >= 0) return probeDownloadsCpu(process.argv[downloadsProbe + 1]!);
  const childFlag = process.argv.findIndex((arg) => arg === PLEX_SIM_FLAG || arg === PLEX_RSS_FLAG);
  if (childFlag >= 0) {
    const value = process.argv[childFlag + 1]!;
    return process.argv[childFlag] === PLEX_SIM_FLAG ? runPlexBenchSimulator(Number(value)) : probePlexRss(value);
  }
  const options = parseArgs(process.argv.slice(2));
  const rows = selectRows(allRows, options.prefixes);
  if (rows.length === 0) {
    process.stderr.write(`No bench row starts with: ${options.prefixes.join(', ')}\n`);
    process.exitCode = 2;
    return;
  }
  const results = await runRows(rows, (result) => {
    if (options.json) process.stdout.write(`${JSON.stringify(result)}\n`);
  }).finally(async () => {
    await closePlexUiSession();
    await closePlexBenchLibraries();
  });
  if (!options.json) process.stdout.write(`${formatTable(results)}\n`);
}

await main();
