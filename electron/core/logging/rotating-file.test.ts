import { readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../../../tests/support/temp-dirs';
import { openRotatingFile } from './rotating-file';

const tempDir = useTempDirs('medianest-log-');

describe('rotating log file', () => {
  it('creates its folder and a file only this user can read, and appends across reopenings', () => {
    const file = join(tempDir(), 'logs', 'medianest.log');
    const first = openRotatingFile({ file });
    first.write('one\n');
    first.close();
    const second = openRotatingFile({ file });
    second.write('two\n');
    second.close();
    expect(readFileSync(file, 'utf8')).toBe('one\ntwo\n');
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('rotates past the size cap, keeps the newest old files under numbered names, and drops the oldest', () => {
    const dir = tempDir();
    const file = join(dir, 'medianest.log');
    const log = openRotatingFile({ file, maxBytes: 100, keep: 2 });
    const line = (n: number): string => `${String(n).padStart(2, '0')}${'x'.repeat(37)}\n`; // 40 bytes
    for (let n = 0; n < 10; n += 1) log.write(line(n));
    log.close();
    expect(readdirSync(dir).sort()).toEqual(['medianest.log', 'medianest.log.1', 'medianest.log.2']);
    // Two lines per file (a third would pass 100 bytes); the current file holds the last ones.
    expect(readFileSync(file, 'utf8')).toBe(line(8) + line(9));
    expect(readFileSync(`${file}.1`, 'utf8')).toBe(line(6) + line(7));
    expect(readFileSync(`${file}.2`, 'utf8')).toBe(line(4) + line(5));
    for (const name of readdirSync(dir)) expect(statSync(join(dir, name)).size).toBeLessThanOrEqual(100);
  });

  it('counts what a file already holds when it is reopened', () => {
    const dir = tempDir();
    const file = join(dir, 'medianest.log');
    writeFileSync(file, 'y'.repeat(90));
    const log = openRotatingFile({ file, maxBytes: 100, keep: 1 });
    log.write('z'.repeat(20));
    log.close();
    expect(readFileSync(`${file}.1`, 'utf8')).toBe('y'.repeat(90));
    expect(readFileSync(file, 'utf8')).toBe('z'.repeat(20));
  });

  it('says once that writing fails and keeps going without throwing', () => {
    const dir = tempDir();
    const file = join(dir, 'medianest.log');
    const errors: string[] = [];
    const log = openRotatingFile({ file, maxBytes: 10, keep: 1, onError: (error) => errors.push(error.message) });
    log.write('12345678\n');
    // The folder vanishes (an unplugged disk): rotation cannot rename into it.
    rmSync(dir, { recursive: true, force: true });
    expect(() => {
      log.write('abcdefghij\n');
      log.write('abcdefghij\n');
    }).not.toThrow();
    expect(errors).toHaveLength(1);
    log.close();
  });

  it('drops lines after close instead of reopening or rotating', () => {
    const dir = tempDir();
    const file = join(dir, 'medianest.log');
    const log = openRotatingFile({ file, maxBytes: 10, keep: 1 });
    log.write('123456789\n');
    log.close();
    log.write('late line\n');
    expect(readdirSync(dir)).toEqual(['medianest.log']);
    expect(readFileSync(file, 'utf8')).toBe('123456789\n');
  });
});
