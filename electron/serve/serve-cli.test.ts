/**
 * The serve CLI: in-process (profiles, data folder, port fallback) and as a
 * real process (the one printed line, clean exit on SIGTERM/SIGINT).
 */
import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, connectWs, createFixtureRenderer, makeTempDir, rawRequest, removeDir } from '../../tests/support/serve-harness';
import { parseServeArgs } from './cli-args';
import { startServeFromCli } from './serve-cli';
import { DEFAULT_SERVE_PORT } from './serve-server';
import { formatServeUrl } from './serve-url';

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
  it('creates a demo-profile core on the given data folder, without a token on loopback', async () => {
    const dataDir = join(fixtureDir, 'demo-data');
    const handle = await startServeFromCli(parseServeArgs(['--demo', '--port', '0', '--data-dir', dataDir]), { rendererDir, env: {} });
    try {
      expect(handle.dataDir).toBe(dataDir);
      expect(handle.displayUrl).toBe(`http://127.0.0.1:${handle.server.port}/`);
      expect(handle.notices).toEqual([]);
      const client = await connectWs(`ws://127.0.0.1:${handle.server.port}/ws`);
      expect(await client.invoke('app:info')).toMatchObject({ ok: true, result: { profile: 'demo', mode: 'serve', dataDir } });
      await client.close();
    } finally {
      await handle.stop();
    }
    expect(handle.core.cacheDb.open).toBe(false);
    expect(handle.core.dataDb.open).toBe(false);
    await expect(rawRequest(handle.server.port, '/')).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });

  it('falls back to a free port when the default one is busy', async () => {
    const blocker: Server = createServer();
    // Either we hold 5573 now, or something else already does: both make it busy.
    await new Promise<void>((resolve) => {
      blocker.once('error', () => resolve());
      blocker.listen(DEFAULT_SERVE_PORT, '127.0.0.1', () => resolve());
    });
    const handle = await startServeFromCli(parseServeArgs(['--data-dir', join(fixtureDir, 'fallback-data')]), { rendererDir, env: {} });
    try {
      expect(handle.server.port).not.toBe(DEFAULT_SERVE_PORT);
      expect((await rawRequest(handle.server.port, '/')).status).toBe(200);
    } finally {
      await handle.stop();
      await new Promise<void>((resolve) => (blocker.listening ? blocker.close(() => resolve()) : resolve()));
    }
  });

  it('fails (and disposes the core) when an explicitly requested port is busy', async () => {
    const first = await startServeFromCli(parseServeArgs(['--port', '0', '--data-dir', join(fixtureDir, 'busy-a')]), { rendererDir, env: {} });
    try {
      await expect(startServeFromCli(parseServeArgs(['--port', String(first.server.port), '--data-dir', join(fixtureDir, 'busy-b')]), { rendererDir, env: {} })).rejects.toMatchObject({
        code: 'EADDRINUSE',
      });
    } finally {
      await first.stop();
    }
  });

  it('says so when the interface is not built', async () => {
    const handle = await startServeFromCli(parseServeArgs(['--port', '0', '--data-dir', join(fixtureDir, 'nobuild')]), { rendererDir: join(fixtureDir, 'missing'), env: {} });
    try {
      expect(handle.notices.join('\n')).toMatch(/not built/);
      const response = await rawRequest(handle.server.port, '/');
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

describe('the serve CLI process', () => {
  /** Runs electron/serve/index.ts through tsx (no build needed), bounded in time. */
  function runCli(args: string[], signal: NodeJS.Signals): Promise<{ stdout: string; stderr: string; code: number | null; url: string }> {
    return new Promise((resolve, reject) => {
      const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'electron/serve/index.ts'), ...args], { cwd: ROOT, env: { ...process.env, MEDIANEST_LOG_LEVEL: 'warn' } });
      let stdout = '';
      let stderr = '';
      let url = '';
      const killer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new Error(`the CLI did not finish in time; stdout: ${stdout}; stderr: ${stderr}`));
      }, 15_000);
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        const match = /MediaNest is running at (\S+)/.exec(stdout);
        if (match && !url) {
          url = match[1] ?? '';
          // Prove it serves before asking it to stop.
          fetch(url)
            .then((response) => response.text())
            .catch(() => '')
            .finally(() => child.kill(signal));
        }
      });
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.on('exit', (code) => {
        clearTimeout(killer);
        resolve({ stdout, stderr, code, url });
      });
    });
  }

  it('prints the reason, then exactly one URL line, and exits 0 on SIGTERM', async () => {
    const dataDir = join(fixtureDir, 'cli-data');
    const run = await runCli(['--port', '0', '--data-dir', dataDir, '--reason', 'Started for the CLI test'], 'SIGTERM');
    expect(run.code).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toBe('Started for the CLI test');
    expect(lines[1]).toMatch(/^MediaNest is running at http:\/\/127\.0\.0\.1:\d+\/$/);
  }, 20_000);

  it('exits 0 on SIGINT and prints only the URL line without --reason', async () => {
    const run = await runCli(['--demo', '--port', '0', '--data-dir', join(fixtureDir, 'cli-data-2')], 'SIGINT');
    expect(run.code).toBe(0);
    expect(run.stdout.trimEnd().split('\n')).toEqual([`MediaNest is running at ${run.url}`]);
  }, 20_000);

  it('refuses unknown options with usage and exit code 2', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'electron/serve/index.ts'), '--bogus'], { cwd: ROOT });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(2);
    expect(stderr).toMatch(/Usage:/);
  }, 20_000);
});
