import { describe, expect, it } from 'vitest';
import { createProcessSupervisor } from './process-supervisor';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe.skipIf(process.platform === 'win32')('process supervisor', () => {
  it('reports the exit code of a finished process and forgets it', async () => {
    const supervisor = createProcessSupervisor();
    const run = supervisor.spawn('sh', ['-c', 'exit 3']);
    expect(await run.exited).toEqual({ code: 3, signal: null });
    expect(supervisor.running).toBe(0);
  });

  it('stop() kills grandchildren too, not only the direct child', async () => {
    const supervisor = createProcessSupervisor();
    // The shell starts a grandchild and prints its pid, as yt-dlp starts ffmpeg.
    const run = supervisor.spawn('sh', ['-c', 'sleep 30 & echo $!; wait']);
    const grandchild = await new Promise<number>((resolve) => run.child.stdout!.once('data', (chunk) => resolve(Number(String(chunk).trim()))));
    expect(alive(grandchild)).toBe(true);
    await run.stop();
    await expect.poll(() => alive(grandchild), { timeout: 2000 }).toBe(false);
  });

  it('dispose() stops every running tree and refuses new spawns', async () => {
    const supervisor = createProcessSupervisor();
    const runs = [supervisor.spawn('sleep', ['30']), supervisor.spawn('sleep', ['30'])];
    expect(supervisor.running).toBe(2);
    await supervisor.dispose();
    expect(supervisor.running).toBe(0);
    for (const run of runs) expect((await run.exited).signal).toBe('SIGTERM');
    expect(() => supervisor.spawn('true', [])).toThrow('disposed');
  });

  it('a command that cannot start settles instead of hanging', async () => {
    const supervisor = createProcessSupervisor();
    const run = supervisor.spawn('/nonexistent/medianest-binary', []);
    expect(await run.exited).toEqual({ code: null, signal: null });
    expect(supervisor.running).toBe(0);
  });
});
