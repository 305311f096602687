/**
 * Renders the whole shell against a fake core, the way main.tsx does against a real one.
 */
import { cleanup, render, type RenderResult } from '@testing-library/react';
import { startApp, type StartedApp } from '../app/app-start';
import { AppShell } from '../app/shell/app-shell';
import { rememberWelcome } from '../features/welcome/welcome-memory';
import { createFakeCore, type FakeCore, type FakeCoreOptions } from './fake-core';

export interface RenderedApp extends FakeCore {
  readonly app: StartedApp;
  readonly view: RenderResult;
}

const started: StartedApp[] = [];

export function renderApp(options: FakeCoreOptions | FakeCore = {}): RenderedApp {
  const core = 'transport' in options ? options : createFakeCore(options);
  const app = startApp(core);
  started.push(app);
  const view = render(<AppShell />);
  return Object.assign(core, { app, view });
}

/** Call from afterEach: unmounts and unbinds the stores (vitest runs without globals, so nothing does it for us). */
export function cleanupApp(): void {
  cleanup();
  for (const app of started.splice(0)) app.stop();
}

/**
 * Puts the address bar back at the default route without firing hashchange.
 * Tests are about the pages, not the first run, so the welcome view counts as
 * skipped; the welcome tests forget that again.
 */
export function resetLocation(hash = ''): void {
  window.history.replaceState(null, '', `/${hash}`);
  rememberWelcome('skipped');
}
