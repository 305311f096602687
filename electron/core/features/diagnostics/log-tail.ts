/**
 * The end of the rotating log (`logs/medianest.log`, then `.1` when the
 * current file is short after a rotation), at most `lines` lines, read from
 * the end so a 5 MiB log costs one small read.
 */
import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';

const TAIL_BYTES = 64 * 1024;

function lastLines(file: string, max: number): string[] {
  if (!existsSync(file)) return [];
  const size = statSync(file).size;
  const length = Math.min(size, TAIL_BYTES);
  const buffer = Buffer.alloc(length);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, buffer, 0, length, size - length);
  } finally {
    closeSync(fd);
  }
  const lines = buffer.toString('utf8').split('\n').filter((line) => line.trim() !== '');
  // A read that starts mid-file starts mid-line: drop the partial first line.
  if (length < size) lines.shift();
  return lines.slice(-max);
}

export function readLogTail(logFile: string, max = 200): string[] {
  const current = lastLines(logFile, max);
  if (current.length >= max) return current;
  return [...lastLines(`${logFile}.1`, max - current.length), ...current];
}
