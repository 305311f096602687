/**
 * `npm run bench [-- <prefix>…] [--json]`: every row measured in this one run.
 * Rows are listed here; each area adds its own file under bench/rows/.
 */
import type { BenchRow } from './bench-row';
import { formatTable, parseArgs, runRows, selectRows } from './harness';
import { PROBE_FLAG, probeCoreStartup, rows as coreRows } from './rows/core-startup';
import { rows as gatewayDownRows } from './rows/gateway-down-p99';
import { rows as gatewayOverheadRows } from './rows/gateway-overhead';

const allRows: readonly BenchRow[] = [...coreRows, ...gatewayOverheadRows, ...gatewayDownRows];

async function main(): Promise<void> {
  if (process.argv.includes(PROBE_FLAG)) return probeCoreStartup();
  const options = parseArgs(process.argv.slice(2));
  const rows = selectRows(allRows, options.prefixes);
  if (rows.length === 0) {
    process.stderr.write(`No bench row starts with: ${options.prefixes.join(', ')}\n`);
    process.exitCode = 2;
    return;
  }
  const results = await runRows(rows, (result) => {
    if (options.json) process.stdout.write(`${JSON.stringify(result)}\n`);
  });
  if (!options.json) process.stdout.write(`${formatTable(results)}\n`);
}

await main();
