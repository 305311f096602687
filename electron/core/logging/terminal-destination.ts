/**
 * Log lines for a person at a terminal: `14:02:07 Warning: could not store a
 * health result (service plex; SQLITE_BUSY: database is locked)`, never the
 * JSON the log file keeps.
 *
 * It receives pino's JSON lines (already redacted), so it only reformats:
 * the time, the level in words, the message, and in brackets the error and the
 * few plain fields that say where (which service, file, address). Everything
 * else stays in the file. Control characters are dropped so a log line cannot
 * move the cursor or recolour the terminal.
 */
const LEVEL_WORDS: Readonly<Record<number, string>> = {
  10: 'Trace',
  20: 'Debug',
  30: 'Info',
  40: 'Warning',
  50: 'Error',
  60: 'Fatal error',
};

/** The fields that say where something happened; the rest is for the file. */
const WHERE_FIELDS = new Set(['service', 'channel', 'file', 'url', 'host', 'sender', 'permission']);
const MAX_FIELD_CHARS = 200;

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029]/g;

function clean(text: string, max = MAX_FIELD_CHARS): string {
  const single = text.replace(CONTROL, ' ').replace(/\s*\n\s*/g, ' ').trim();
  return single.length > max ? `${single.slice(0, max - 1)}…` : single;
}

function clock(time: unknown): string {
  const date = typeof time === 'number' ? new Date(time) : new Date();
  return [date.getHours(), date.getMinutes(), date.getSeconds()].map((part) => String(part).padStart(2, '0')).join(':');
}

/** One pino JSON line as one readable line (with its newline); text that is not JSON is passed on, cleaned. */
export function formatLogLine(line: string): string {
  let entry: Record<string, unknown>;
  try {
    const parsed: unknown = JSON.parse(line);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not an entry');
    entry = parsed as Record<string, unknown>;
  } catch {
    const text = clean(line, 1000);
    return text === '' ? '' : `${text}\n`;
  }
  const level = LEVEL_WORDS[entry.level as number] ?? 'Log';
  const message = typeof entry.msg === 'string' ? clean(entry.msg, 500) : '';
  const details: string[] = [];
  for (const [key, value] of Object.entries(entry)) {
    if (!WHERE_FIELDS.has(key)) continue;
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') details.push(`${key} ${clean(String(value))}`);
  }
  const err = entry.err as { message?: unknown; code?: unknown } | undefined;
  if (err && typeof err.message === 'string') details.push(clean(typeof err.code === 'string' ? `${err.code}: ${err.message}` : err.message));
  return `${clock(entry.time)} ${level}: ${message || '(no message)'}${details.length > 0 ? ` (${details.join('; ')})` : ''}\n`;
}

/** A pino destination that writes readable lines through `write` (the terminal's stderr by default). */
export function createTerminalDestination(write: (text: string) => void = (text) => void process.stderr.write(text)): { write(line: string): void } {
  return {
    write(chunk) {
      // pino writes one line per call, but a destination must not rely on it.
      for (const line of chunk.split('\n')) {
        if (line.trim() === '') continue;
        const text = formatLogLine(line);
        if (text !== '') write(text);
      }
    },
  };
}
