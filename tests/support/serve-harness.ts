/**
 * Test support for serve mode: a real core and server in-process on
 * 127.0.0.1 with a temp data folder, a small WebSocket client for the wire
 * protocol, and system-Chromium helpers for the browser suites.
 *
 * Tests get in the way users do: the server always has a token (the data
 * folder's, as the CLI uses); browsers open the printed link and keep the
 * cookie, other clients send `Authorization: Bearer <token>`
 * (`harness.request`, `harness.connect`). `rawRequest` and `connectWs` send
 * only what they are given, for the tests of refusals.
 *
 * Browser suites run against /usr/bin/chromium through playwright-core (never a
 * downloaded browser). Without it they are skipped with a printed reason,
 * unless MEDIANEST_REQUIRE_SYSTEM_DEPS=1, where a missing browser is a failure.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { request, type IncomingHttpHeaders } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { WebSocket } from 'ws';
import type { Profile } from '../../electron/core/app/data-paths';
import { createCore, type Core, type CoreConfig } from '../../electron/core/create-core';
import { createSilentLogger } from '../../electron/core/logging/logger';
import { createFileSecretStore } from '../../electron/core/secrets/secret-store';
import { createSettingsStorage } from '../../electron/core/settings/settings-storage';
import { startServeServer, type ServeLimits, type ServeServer } from '../../electron/serve/serve-server';
import { projectRoot, rendererDirFor } from '../../electron/serve/serve-paths';
import { loadOrCreateServeToken } from '../../electron/serve/serve-token';
import { SYSTEM_PROGRAMS, gateSystemSuite } from './system-deps';

// This file, like the serve modules, sits two folders below the project root.
export const ROOT = projectRoot(import.meta.url);
export const RENDERER_DIR = rendererDirFor(ROOT);

export interface ServeHarnessOptions {
  /** Reuse a data folder (e.g. to restart on it); the caller then owns it. Default: a fresh temp folder removed on stop. */
  readonly dataDir?: string;
  /** Default 0 (any free port); pass a previous harness's port to "restart" at the same URL. */
  readonly port?: number;
  /** Default: the data folder's token, created on first use (so a restart on the same folder keeps it). */
  readonly token?: string;
  readonly rendererDir?: string;
  readonly profile?: Profile;
  /** Host the demo homelab simulators and point the services at them. */
  readonly demoHomelab?: boolean;
  readonly heartbeatMs?: number;
  readonly maxMessageBytes?: number;
  readonly limits?: ServeLimits;
  /** Shorter request timings (outbox backoff, reconciliation). */
  readonly overseerrTiming?: CoreConfig['overseerrTiming'];
}

export interface ServeHarness {
  /** Base URL, e.g. http://127.0.0.1:41234/ (no token). */
  readonly url: string;
  /** The link the CLI would print: the base URL with `?token=…`. */
  readonly link: string;
  readonly token: string;
  /** The header a non-browser client sends. */
  readonly auth: Readonly<Record<string, string>>;
  readonly port: number;
  readonly dataDir: string;
  readonly core: Core;
  readonly server: ServeServer;
  /** `rawRequest` with the token header added. */
  request(path: string, options?: { method?: string; headers?: Record<string, string> }): Promise<RawResponse>;
  /** A socket on `/ws` with the token header added. */
  connect(headers?: Record<string, string>): Promise<WsTestClient>;
  /** Stops the server, disposes the core, and removes the data folder if the harness made it. */
  stop(): Promise<void>;
}

/** A fresh temp folder for a data dir. */
export function makeTempDir(prefix = 'medianest-serve-'): Promise<string> {
  return mkdtemp(join(tmpdir(), prefix));
}

export function removeDir(dir: string): Promise<void> {
  return rm(dir, { recursive: true, force: true, maxRetries: 3 });
}

/** A loopback address nothing listens on (port 9, discard): connections are refused at once. */
export const CLOSED_LOOPBACK_URL = 'http://127.0.0.1:9';

/** Starts createCore + startServeServer on 127.0.0.1 with a temp (or given) data folder. */
export async function startServeHarness(options: ServeHarnessOptions = {}): Promise<ServeHarness> {
  const ownsDataDir = options.dataDir === undefined;
  const dataDir = options.dataDir ?? (await makeTempDir());
  const core = await createCore(
    { dataDir, profile: options.profile ?? 'default', mode: 'serve', version: '0.0.0-test', demoHomelab: options.demoHomelab ?? false, ...(options.overseerrTiming ? { overseerrTiming: options.overseerrTiming } : {}) },
    { settingsStorage: createSettingsStorage(dataDir), secrets: createFileSecretStore(dataDir), logger: createSilentLogger() },
  );
  const token = options.token ?? loadOrCreateServeToken(dataDir);
  // Tests stay on loopback: a test that turns Plex on must not reach the real plex.tv.
  if (!options.demoHomelab && core.settings.get().services.plex.accountUrl === 'https://plex.tv') {
    core.settings.update({ services: { plex: { accountUrl: CLOSED_LOOPBACK_URL } } });
  }
  let server: ServeServer;
  try {
    server = await startServeServer({
      core,
      rendererDir: options.rendererDir ?? RENDERER_DIR,
      host: '127.0.0.1',
      port: options.port ?? 0,
      token,
      ...(options.heartbeatMs === undefined ? {} : { heartbeatMs: options.heartbeatMs }),
      ...(options.maxMessageBytes === undefined ? {} : { maxMessageBytes: options.maxMessageBytes }),
      ...(options.limits === undefined ? {} : { limits: options.limits }),
    });
  } catch (error) {
    await core.dispose();
    if (ownsDataDir) await removeDir(dataDir);
    throw error;
  }
  let stopped: Promise<void> | undefined;
  const auth = { Authorization: `Bearer ${token}` };
  return {
    url: server.url,
    link: server.link,
    token,
    auth,
    port: server.port,
    dataDir,
    core,
    server,
    request: (path, requestOptions = {}) => rawRequest(server.port, path, { ...requestOptions, headers: { ...auth, ...requestOptions.headers } }),
    connect: (headers = {}) => connectWs(wsUrl(server), { ...auth, ...headers }),
    stop() {
      stopped ??= (async () => {
        await server.stop();
        await core.dispose();
        if (ownsDataDir) await removeDir(dataDir);
      })();
      return stopped;
    },
  };
}

// ---------------------------------------------------------------------------
// A stand-in renderer and raw HTTP, for server tests that must not depend on the real build.

export const FIXTURE_SECRET = 'this-file-is-outside-the-renderer-folder';

/**
 * Writes `<dir>/renderer` (index.html, a hashed asset, a symlink pointing out)
 * and `<dir>/secret.txt` beside it, the target of traversal attempts. Returns the renderer folder.
 */
export async function createFixtureRenderer(dir: string): Promise<string> {
  const renderer = join(dir, 'renderer');
  await mkdir(join(renderer, 'assets'), { recursive: true });
  await writeFile(join(renderer, 'index.html'), '<!doctype html><title>MediaNest</title><script type="module" src="./assets/app-1a2b3c.js"></script>');
  await writeFile(join(renderer, 'assets', 'app-1a2b3c.js'), 'console.log("fixture");');
  await writeFile(join(renderer, 'assets', 'app-1a2b3c.css'), 'body{}');
  await writeFile(join(renderer, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  await writeFile(join(renderer, '.env'), FIXTURE_SECRET);
  await writeFile(join(dir, 'secret.txt'), FIXTURE_SECRET);
  await symlink(join(dir, 'secret.txt'), join(renderer, 'link-out.txt'));
  return renderer;
}

export interface RawResponse {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

/** An HTTP request with the path sent exactly as given (fetch would normalise `..` away). */
export function rawRequest(port: number, path: string, options: { method?: string; headers?: Record<string, string> } = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: options.method ?? 'GET', headers: options.headers ?? {}, timeout: 5000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`request to ${path} timed out`)));
    req.on('error', reject);
    req.end();
  });
}

// ---------------------------------------------------------------------------
// A wire-protocol client for tests.

export interface WireMessage {
  readonly type: string;
  readonly id?: number | null;
  readonly ok?: boolean;
  readonly result?: unknown;
  readonly error?: { code: string; message: string };
  readonly channel?: string;
  readonly payload?: unknown;
}

export interface WsTestClient {
  readonly ws: WebSocket;
  /** Every message received so far, in order. */
  readonly received: WireMessage[];
  send(message: unknown): void;
  sendRaw(text: string | Buffer): void;
  /** Waits for the next message matching `predicate` (already received ones count), bounded. */
  waitFor(predicate: (message: WireMessage) => boolean, timeoutMs?: number): Promise<WireMessage>;
  invoke(channel: string, payload?: unknown): Promise<WireMessage>;
  close(): Promise<void>;
}

/** The ws:// URL of a harness. */
export function wsUrl(harness: Pick<ServeHarness, 'port'>, query = ''): string {
  return `ws://127.0.0.1:${harness.port}/ws${query}`;
}

/** Opens a socket; rejects with the HTTP status when the server refuses the upgrade. */
export function connectWs(url: string, headers: Record<string, string> = {}, timeoutMs = 5000): Promise<WsTestClient> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers, handshakeTimeout: timeoutMs });
    const received: WireMessage[] = [];
    const waiters = new Set<() => void>();
    let nextId = 1;
    ws.on('message', (data) => {
      received.push(JSON.parse(String(data)) as WireMessage);
      for (const wake of [...waiters]) wake();
    });
    ws.once('unexpected-response', (_req, res) => {
      reject(Object.assign(new Error(`upgrade refused with ${res.statusCode}`), { statusCode: res.statusCode }));
      res.resume();
      ws.terminate();
    });
    ws.once('error', reject);
    ws.once('open', () => {
      const client: WsTestClient = {
        ws,
        received,
        send: (message) => ws.send(JSON.stringify(message)),
        sendRaw: (text) => ws.send(text),
        waitFor(predicate, waitMs = 5000) {
          return new Promise((done, fail) => {
            let seen = 0;
            const check = (): void => {
              for (; seen < received.length; seen += 1) {
                const message = received[seen];
                if (message && predicate(message)) {
                  cleanup();
                  done(message);
                  return;
                }
              }
            };
            const timer = setTimeout(() => {
              cleanup();
              fail(new Error(`no matching message within ${waitMs} ms; got ${JSON.stringify(received).slice(0, 500)}`));
            }, waitMs);
            const cleanup = (): void => {
              clearTimeout(timer);
              waiters.delete(check);
            };
            waiters.add(check);
            check();
          });
        },
        invoke(channel, payload) {
          const id = nextId++;
          ws.send(JSON.stringify({ type: 'invoke', id, channel, payload }));
          return client.waitFor((message) => message.type === 'result' && message.id === id);
        },
        close: () =>
          new Promise((done) => {
            if (ws.readyState === WebSocket.CLOSED) return done();
            ws.once('close', () => done());
            ws.close();
          }),
      };
      resolve(client);
    });
  });
}

// ---------------------------------------------------------------------------
// System Chromium.

export const SYSTEM_CHROMIUM = SYSTEM_PROGRAMS.chromium.command;

/** Call at the top level of a browser test file: skips (or fails, in CI) without system Chromium. */
export function gateBrowserSuite(suite: string): { readonly skip: boolean } {
  return gateSystemSuite(suite, SYSTEM_PROGRAMS.chromium);
}

/** Launches the system Chromium headless; one per test file. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: SYSTEM_CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    timeout: 15_000,
  });
}

const BUILD_LOCK = join(ROOT, '.cache', 'renderer-build.lock');
const BUILD_TIMEOUT_MS = 120_000;

/**
 * Builds the renderer only when there is no build yet (`npm test` builds first).
 * Browser test files run in parallel workers, so a lock folder makes one of
 * them build while the others wait, instead of two Vite builds emptying the
 * same output folder under each other.
 */
export async function ensureRendererBuilt(): Promise<void> {
  const index = join(RENDERER_DIR, 'index.html');
  const deadline = Date.now() + BUILD_TIMEOUT_MS;
  while (!existsSync(index)) {
    await mkdir(dirname(BUILD_LOCK), { recursive: true });
    let owner = false;
    try {
      mkdirSync(BUILD_LOCK);
      owner = true;
    } catch {
      // Someone else is building; a lock older than the build timeout is left from a crash.
      const lockedAt = statSync(BUILD_LOCK, { throwIfNoEntry: false })?.mtimeMs;
      if (lockedAt !== undefined && Date.now() - lockedAt > BUILD_TIMEOUT_MS) rmSync(BUILD_LOCK, { recursive: true, force: true });
    }
    if (owner) {
      try {
        if (!existsSync(index)) execFileSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs'), 'renderer'], { cwd: ROOT, stdio: 'inherit', timeout: BUILD_TIMEOUT_MS });
      } catch (error) {
        throw new Error(`The renderer could not be built for the browser tests (node scripts/build.mjs renderer): ${(error as Error).message}`, { cause: error });
      } finally {
        rmSync(BUILD_LOCK, { recursive: true, force: true });
      }
      return;
    }
    if (Date.now() > deadline) throw new Error('Timed out waiting for another test worker to build the renderer.');
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

export interface PageProblems {
  /** Console errors, uncaught page errors and CSP violations, as text. */
  readonly errors: string[];
  readonly cspViolations: string[];
}

/** Records everything on a page that means "the app is broken", from now on. */
export function watchPageProblems(page: Page): PageProblems {
  const problems: PageProblems = { errors: [], cspViolations: [] };
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const text = message.text();
    const where = message.location().url;
    problems.errors.push(where ? `${text} (${new URL(where).pathname})` : text);
    // Chromium reports blocked loads as "Refused to … because it violates the following Content Security Policy directive".
    if (/violates the following Content Security Policy/i.test(text)) problems.cspViolations.push(text);
  });
  page.on('pageerror', (error) => problems.errors.push(`pageerror: ${error.message}`));
  // The console says "Failed to load resource" without the URL; record which one.
  page.on('response', (response) => {
    if (response.status() >= 400) problems.errors.push(`HTTP ${response.status()} for ${new URL(response.url()).pathname}`);
  });
  return problems;
}

export interface OpenedApp {
  readonly context: BrowserContext;
  readonly page: Page;
  readonly problems: PageProblems;
}

/**
 * A fresh context and page on the app, watched for errors; close `context`
 * when done. It gets in as a person does: it opens the printed link, which
 * trades the token for the cookie and moves on to the app, then goes to
 * `hash` (e.g. `#/health`) when given.
 */
export async function openApp(browser: Browser, target: Pick<ServeHarness, 'url' | 'link'>, hash = '', timeoutMs = 10_000): Promise<OpenedApp> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  page.setDefaultTimeout(timeoutMs);
  page.setDefaultNavigationTimeout(timeoutMs);
  const problems = watchPageProblems(page);
  await page.goto(target.link);
  await page.waitForURL(target.url);
  if (hash !== '') await page.goto(`${target.url}${hash}`);
  return { context, page, problems };
}

/**
 * For a test file's top level: a tiny fixture renderer in a temp folder for the
 * whole file, removed afterwards. Returns a getter for its folder.
 */
export function useFixtureRenderer(): () => string {
  let fixtureDir: string | undefined;
  let rendererDir: string | undefined;
  beforeAll(async () => {
    fixtureDir = await makeTempDir('medianest-fixture-');
    rendererDir = await createFixtureRenderer(fixtureDir);
  });
  afterAll(async () => {
    if (fixtureDir) await removeDir(fixtureDir);
  });
  return () => {
    if (!rendererDir) throw new Error('The fixture renderer is made in beforeAll.');
    return rendererDir;
  };
}
