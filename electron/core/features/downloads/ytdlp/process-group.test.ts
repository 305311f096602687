import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { groupAlive, listGroupProcesses, stopProcessGroup } from './process-group';

const posix = process.platform !== 'win32';

/** A detached shell (its own group) with a grandchild, both deaf to SIGINT and SIGTERM. */
function stubbornGroup(): number {
  const child = spawn('sh', ['-c', "trap '' INT TERM; sh -c \"trap '' INT TERM; sleep 30\" & sleep 30"], { detached: true, stdio: 'ignore' });
  child.unref();
  return child.pid!;
}

describe.skipIf(!posix)('process group stop', () => {
  it('escalates to SIGKILL and resolves only when every member, grandchildren too, is gone', async () => {
    const pgid = stubbornGroup();
    await expect.poll(() => listGroupProcesses(pgid).length, { timeout: 5000, interval: 20 }).toBeGreaterThanOrEqual(process.platform === 'linux' ? 3 : 0);
    expect(groupAlive(pgid)).toBe(true);
    await stopProcessGroup(pgid, { graceMs: 200 });
    expect(groupAlive(pgid)).toBe(false);
    expect(listGroupProcesses(pgid).filter((member) => member.state !== 'Z')).toEqual([]);
  });

  it('stops a group that leaves on SIGINT without escalating', async () => {
    const child = spawn('sleep', ['30'], { detached: true, stdio: 'ignore' });
    const signals: (NodeJS.Signals | null)[] = [];
    const exited = new Promise<void>((resolve) => child.once('exit', (_code, signal) => (signals.push(signal), resolve())));
    await stopProcessGroup(child.pid!, { graceMs: 5000 });
    await exited;
    expect(signals).toEqual(['SIGINT']);
  });

  it('does nothing for a group that is gone', async () => {
    await expect(stopProcessGroup(2 ** 22 + 4321, { graceMs: 100 })).resolves.toBeUndefined();
  });
});
