/**
 * The serve CLI: in-process (profiles, data folder, token, port fallback) and
 * as the built process `npm start` falls back to (what the terminal shows,
 * clean exit on SIGTERM/SIGINT).
 */
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, connectWs, createFixtureRenderer, makeTempDir, rawRequest, removeDir } from '../../tests/support/serve-harness';
import { parseServeArgs } from './cli-args';
import { startServeFromCli } from './serve-cli';
import { DEFAULT_SERVE_PORT } from './serve-server';
import { loadOrCreateServeToken } from './serve-token';
import { formatServeUrl } from './serve-url';

const SERVE_ENTRY = join(ROOT, 'dist', 'serve', 'index.js');

let fixtureDir: string;
let rendererDir: string;
beforeAll(async () => {
  fixtureDir = await makeTempDir('medianest-fixture-');
  rendererDir = await createFixtureRenderer(fixtureDir);
});
afterAll(async () => {
  await removeDir(fixtureDir);
});

describe('startServeFromCli', () => {
  it('creates a demo-profile core on the given data folder, with the folder’s token on loopback too', async () => {
    const dataDir = join(fixtureDir, 'demo-data');
    const handle = await startServeFromCli(parseServeArgs(['--demo', '--port', '0', '--data-dir', dataDir]), { rendererDir, env: {}, terminal: () => {} });
    try {
      const token = loadOrCreateServeToken(dataDir);
      expect(handle.dataDir).toBe(dataDir);
      expect(handle.displayUrl).toBe(`http://127.0.0.1:${handle.server.port}/?token=${token}`);
      expect(handle.logFile).toBe(join(dataDir, 'logs', 'medianest.log'));
      expect(handle.notices).toEqual([]);
      await expect(connectWs(`ws://127.0.0.1:${handle.server.port}/ws`)).rejects.toMatchObject({ statusCode: 401 });
      const client = await connectWs(`ws://127.0.0.1:${handle.server.port}/ws`, { Authorization: `Bearer ${token}` });
      expect(await client.invoke('app:info')).toMatchObject({ ok: true, result: { profile: 'demo', mode: 'serve', dataDir } });
      await client.close();
    } finally {
      await handle.stop();
    }
    expect(handle.core.cacheDb.open).toBe(false);
    expect(handle.core.dataDb?.open).toBe(false);
    await expect(rawRequest(handle.server.port, '/')).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });

  it('falls back to a free port when the default one is busy', async () => {
    const blocker: Server = createServer();
    // Either we hold 5573 now, or something else already does: both make it busy.
    await new Promise<void>((resolve) => {
      blocker.once('error', () => resolve());
      blocker.listen(DEFAULT_SERVE_PORT, '127.0.0.1', () => resolve());
    });
    const handle = await startServeFromCli(parseServeArgs(['--data-dir', join(fixtureDir, 'fallback-data')]), { rendererDir, env: {}, terminal: () => {} });
    try {
      expect(handle.server.port).not.toBe(DEFAULT_SERVE_PORT);
      expect((await rawRequest(handle.server.port, '/', { headers: { 'X-MediaNest-Token': loadOrCreateServeToken(handle.dataDir) } })).status).toBe(200);
    } finally {
      await handle.stop();
      await new Promise<void>((resolve) => (blocker.listening ? blocker.close(() => resolve()) : resolve()));
    }
  });

  it('fails (and disposes the core) when an explicitly requested port is busy', async () => {
    const first = await startServeFromCli(parseServeArgs(['--port', '0', '--data-dir', join(fixtureDir, 'busy-a')]), { rendererDir, env: {}, terminal: () => {} });
    try {
      await expect(startServeFromCli(parseServeArgs(['--port', String(first.server.port), '--data-dir', join(fixtureDir, 'busy-b')]), { rendererDir, env: {}, terminal: () => {} })).rejects.toMatchObject({
        code: 'EADDRINUSE',
      });
    } finally {
      await first.stop();
    }
  });

  it('says so when the interface is not built', async () => {
    const handle = await startServeFromCli(parseServeArgs(['--port', '0', '--data-dir', join(fixtureDir, 'nobuild')]), { rendererDir: join(fixtureDir, 'missing'), env: {}, terminal: () => {} });
    try {
      expect(handle.notices.join('\n')).toMatch(/not built/);
      const response = await rawRequest(handle.server.port, '/', { headers: { 'X-MediaNest-Token': loadOrCreateServeToken(handle.dataDir) } });
      expect(response.status).toBe(404);
      expect(response.body).toMatch(/npm run build/);
    } finally {
      await handle.stop();
    }
  });
});

describe('formatServeUrl', () => {
  it('adds the token and shows a usable host for wildcard binds', () => {
    expect(formatServeUrl('127.0.0.1', 5573)).toBe('http://127.0.0.1:5573/');
    expect(formatServeUrl('::1', 5573)).toBe('http://[::1]:5573/');
    expect(formatServeUrl('192.168.1.5', 5573, 'abc_-123')).toBe('http://192.168.1.5:5573/?token=abc_-123');
    expect(formatServeUrl('0.0.0.0', 5573)).not.toContain('0.0.0.0');
  });
});

describe('the built serve entry (what `npm start` falls back to on this machine)', () => {
  beforeAll(() => {
    // Always test the current sources: esbuild rebuilds the serve bundle in well under a second.
    const build = spawnSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs'), 'serve'], { cwd: ROOT, encoding: 'utf8' });
    if (build.status !== 0) throw new Error(`build failed: ${build.stderr}`);
  });

  interface Run {
    readonly stdout: string;
    readonly stderr: string;
    readonly code: number | null;
    readonly link: string;
  }

  /** Runs dist/serve/index.js, calls `whileUp` with the printed link, then sends `signal`; bounded in time. */
  function runServe(args: string[], signal: NodeJS.Signals, whileUp: (link: string) => Promise<unknown>): Promise<Run> {
    return new Promise((resolve, reject) => {
      const env = { ...process.env };
      delete env.MEDIANEST_LOG_LEVEL;
      const child = spawn(process.execPath, [SERVE_ENTRY, ...args], { cwd: ROOT, env });
      let stdout = '';
      let stderr = '';
      let link = '';
      const killer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new Error(`the CLI did not finish in time; stdout: ${stdout}; stderr: ${stderr}`));
      }, 15_000);
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        const match = /MediaNest is running at (\S+)/.exec(stdout);
        // Wait for the whole block (the log line is the last) before using the server.
        if (match && !link && /Log file: /.test(stdout)) {
          link = match[1] ?? '';
          whileUp(link)
            .catch(() => undefined)
            // A moment for the log lines of what whileUp caused to reach the terminal.
            .finally(() => setTimeout(() => child.kill(signal), 100));
        }
      });
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.on('exit', (code) => {
        clearTimeout(killer);
        resolve({ stdout, stderr, code, link });
      });
    });
  }

  const looksLikeJson = (line: string): boolean => /^\s*[[{]/.test(line);

  it('prints the reason, the link with its token, what the link gives, the log file, and no JSON; exits 0 on SIGTERM', async () => {
    const dataDir = join(fixtureDir, 'cli-data');
    const run = await runServe(['--demo', '--port', '0', '--data-dir', dataDir, '--reason', 'Electron is not available; starting MediaNest in serve mode instead.'], 'SIGTERM', async (link) => {
      const url = new URL(link);
      // A stranger without the token: refused, and the terminal hears about it in words.
      await fetch(`${url.origin}/`);
      await fetch(`${url.origin}/`);
      // The owner, with the link.
      expect((await fetch(link)).status).toBe(200);
    });
    expect(run.code).toBe(0);
    const token = loadOrCreateServeToken(dataDir);
    const logFile = join(dataDir, 'logs', 'medianest.log');
    expect(run.stdout.trimEnd().split('\n')).toEqual([
      'Electron is not available; starting MediaNest in serve mode instead.',
      `MediaNest is running at http://127.0.0.1:${new URL(run.link).port}/?token=${token}`,
      expect.stringMatching(/^Whoever has this link controls MediaNest/),
      `Log file: ${logFile}`,
    ]);
    const stderrLines = run.stderr.split('\n').filter((line) => line.trim() !== '');
    expect(stderrLines).toEqual([expect.stringMatching(/^\d\d:\d\d:\d\d Warning: refused requests without the token$/), expect.stringMatching(/Warning: refused requests without the token: 1 more in the last \d+ s$/)]);
    for (const line of [...run.stdout.split('\n'), ...stderrLines]) expect(looksLikeJson(line), line).toBe(false);
    // The details went to the file, as JSON lines, without the token.
    const logged = readFileSync(logFile, 'utf8').trim().split('\n');
    expect(logged.length).toBeGreaterThan(0);
    for (const line of logged) expect(() => JSON.parse(line) as unknown).not.toThrow();
    expect(logged.join('\n')).toContain('core ready');
    expect(logged.join('\n')).not.toContain(token);
  }, 20_000);

  it('exits 0 on SIGINT and prints the same block without --reason', async () => {
    const run = await runServe(['--port', '0', '--data-dir', join(fixtureDir, 'cli-data-2')], 'SIGINT', (link) => fetch(link));
    expect(run.code).toBe(0);
    expect(run.stdout.trimEnd().split('\n')).toEqual([`MediaNest is running at ${run.link}`, expect.stringMatching(/^Whoever has this link/), expect.stringMatching(/^Log file: /)]);
    expect(run.stderr).toBe('');
  }, 20_000);

  it('refuses unknown options with usage and exit code 2', async () => {
    const child = spawn(process.execPath, [SERVE_ENTRY, '--bogus'], { cwd: ROOT });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(2);
    expect(stderr).toMatch(/Usage:/);
  }, 20_000);
});
