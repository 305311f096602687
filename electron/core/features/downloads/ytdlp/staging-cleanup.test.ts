import { mkdirSync, mkdtempSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { removeJobPartFiles } from './staging-cleanup';

describe('removing a cancelled job’s part files', () => {
  it('removes the staging folder with its part, fragment and intermediate files', async () => {
    const root = mkdtempSync(join(tmpdir(), 'medianest-staging-'));
    try {
      const staging = join(root, 'job-7');
      mkdirSync(join(staging, 'Channel'), { recursive: true });
      for (const name of ['a.mp4.part', 'a.mp4.ytdl', 'a.f137.mp4.part-Frag3', 'Channel/b.temp.mp4']) writeFileSync(join(staging, name), 'x');
      writeFileSync(join(root, 'other-job.part'), 'x');
      await removeJobPartFiles(staging);
      expect(existsSync(staging)).toBe(false);
      expect(existsSync(join(root, 'other-job.part'))).toBe(true);
      await expect(removeJobPartFiles(staging)).resolves.toBeUndefined();
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it.each(['relative/staging', '/', '/tmp', homedir()])('refuses %j', async (folder) => {
    await expect(removeJobPartFiles(folder)).rejects.toThrow();
  });
});
