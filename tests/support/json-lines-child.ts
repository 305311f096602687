/**
 * A script from tests/support run in a child process (a core to be killed
 * with SIGKILL, say) that reports on stdout one JSON object a line; the test
 * waits for what it said.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

export interface JsonLinesChild {
  readonly process: ChildProcess;
  /** Every line said so far, parsed. */
  readonly lines: Record<string, unknown>[];
  /** Resolves once `predicate` holds for the lines said so far; rejects after `timeoutMs`, quoting the last lines. */
  waitFor(predicate: (lines: readonly Record<string, unknown>[]) => boolean, timeoutMs?: number): Promise<void>;
  /** The first line `predicate` holds for, once it is said. */
  waitForLine(predicate: (line: Record<string, unknown>) => boolean, timeoutMs?: number): Promise<Record<string, unknown>>;
  readonly exited: Promise<NodeJS.Signals | number | null>;
}

export function startJsonLinesChild(script: string, args: readonly string[], defaultTimeoutMs = 20_000): JsonLinesChild {
  const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, script), ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  const lines: Record<string, unknown>[] = [];
  const waiters = new Set<() => void>();
  createInterface({ input: child.stdout! }).on('line', (text) => {
    lines.push(JSON.parse(text) as Record<string, unknown>);
    for (const wake of [...waiters]) wake();
  });
  const exited = new Promise<NodeJS.Signals | number | null>((resolve) => child.once('exit', (code, signal) => resolve(signal ?? code)));
  const waitFor = (predicate: (said: readonly Record<string, unknown>[]) => boolean, timeoutMs = defaultTimeoutMs): Promise<void> =>
    new Promise((resolve, reject) => {
      const check = () => {
        if (!predicate(lines)) return;
        cleanup();
        resolve();
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`the child did not get there within ${timeoutMs} ms: ${JSON.stringify(lines.slice(-6))}`));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        waiters.delete(check);
      };
      waiters.add(check);
      check();
    });
  return {
    process: child,
    lines,
    exited,
    waitFor,
    async waitForLine(predicate, timeoutMs) {
      await waitFor((said) => said.some(predicate), timeoutMs);
      return lines.find(predicate)!;
    },
  };
}
