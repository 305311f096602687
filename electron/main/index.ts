/**
 * The Electron shell's lifecycle: one instance, one core, one window, a tray.
 *
 * Before `ready`: pick the profile and its data folder (the same folder serve
 * mode uses), take the single-instance lock, turn the sandbox on everywhere,
 * register the privileged `medianest://` scheme and suppress the default menu.
 * At `ready`: harden the session, create the core, serve the renderer through
 * `protocol.handle`, bridge IPC, then tray, notifications and the window.
 * On quit: stop once (`before-quit` is prevented), dispose everything with the
 * core last and bounded by a timeout, then `app.exit()` (VS Code style).
 */
import { BrowserWindow, Menu, Notification, app, dialog, protocol, safeStorage, screen, session, shell } from 'electron';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { HealthEntry } from '../../shared/contract/areas/health-entries';
import type { DownloadsOverview } from '../../shared/contract/areas/downloads';
import { resolveDataDir } from '../core/app/data-paths';
import { createCore, type Core } from '../core/create-core';
import { createAppLogger } from '../core/logging/app-logger';
import { createFileSecretStore } from '../core/secrets/secret-store';
import { applicationMenuTemplate } from './app-menu';
import { APP_ENTRY_URL, APP_SCHEME } from './app-origin';
import { resolveAppPaths } from './app-paths';
import { APP_SCHEME_PRIVILEGES, createAppProtocolHandler } from './app-protocol';
import { createSettingsStorage } from '../core/settings/settings-storage';
import { createElectronTray, onPanelToneChange, panelTone, trayIconLoader } from './electron-tray';
import { applyStartAtLogin, launchedHidden } from './login-item';
import { registerElectronIpcBridge } from './ipc-bridge';
import { resolveProfile } from './launch-options';
import { createMainWindow, revealWindow, type MainWindowHandle } from './main-window';
import { createWindowStateStore } from './window-state-store';
import { createNotificationService, type NotificationService } from './notifications';
import { createRequestNotifications } from './request-notifications';
import { createDownloadNotifications } from './download-notifications';
import { isWebAddress } from '../../shared/contract/web-address';
import { createSafeStorageCodec } from './safe-storage-codec';
import { createTrayService, type TrayService } from './tray-service';
import { createVouchedLinks, type VouchedLinks } from './vouched-links';
import { APP_ALLOWED_ORIGINS, hardenContents, hardenSession } from './window-security';
import { createPlexSignInWindows, SIGN_IN_PARTITION } from './plex-sign-in-window';

const DISPOSE_TIMEOUT_MS = 5000;

const profile = resolveProfile(process.argv, process.env);
const dataDir = resolveDataDir(profile);
const paths = resolveAppPaths(import.meta.url);
const development = !app.isPackaged;
// The same log as serve mode: a rotating file in the data folder, readable warnings on the terminal.
const appLogger = createAppLogger({ dataDir, level: process.env.MEDIANEST_LOG_LEVEL || 'info' });
const logger = appLogger.logger;
if (appLogger.notice) process.stderr.write(`${appLogger.notice}\n`);
if (appLogger.logFile) process.stdout.write(`Log file: ${appLogger.logFile}\n`);

// userData decides the single-instance lock, so the demo profile runs beside the real one.
app.setPath('userData', dataDir);
app.enableSandbox();
protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);
const menuTemplate = applicationMenuTemplate(process.platform, development);
Menu.setApplicationMenu(menuTemplate ? Menu.buildFromTemplate(menuTemplate) : null);
// The Plex sign-in opens in a locked-down window of its own (see plex-sign-in-window.ts).
const signInWindows = createPlexSignInWindows({
  createWindow: (options) => new BrowserWindow(options),
  sessionFor: (partition) => session.fromPartition(partition),
  accountUrl: () => core?.settings.get().services.plex.accountUrl ?? '',
  onSignInState: (listener) => core?.bus.on('plex:sign-in-changed', (state) => listener(state.state)) ?? (() => undefined),
  logger,
});
// Every WebContents, including ones created later, gets navigation, pop-up and webview guards;
// the sign-in window's are its own.
app.on('web-contents-created', (_event, contents) => {
  if (contents.session === session.fromPartition(SIGN_IN_PARTITION)) return;
  hardenContents(contents, {
    allowedOrigins: APP_ALLOWED_ORIGINS,
    handOff: (url) => signInWindows.open(url),
    // The Health page's "Open": only addresses the core put on its entries.
    openExternal: (url) => {
      if (!links?.isVouched(url)) return false;
      void shell.openExternal(url).catch((error: unknown) => logger.warn({ err: error }, 'could not open a link'));
      return true;
    },
    logger,
  });
});

let core: Core | undefined;
let windowHandle: MainWindowHandle<BrowserWindow> | undefined;
let tray: TrayService | undefined;
let notifications: NotificationService | undefined;
let links: VouchedLinks | undefined;
let requestNotifications: { dispose(): void } | undefined;
let downloadNotifications: { dispose(): void } | undefined;
let disposeBridge: (() => void) | undefined;
let quitting = false;
let shutdown: 'running' | 'stopping' | 'stopped' = 'running';

function liveWindow(): BrowserWindow | undefined {
  const window = windowHandle?.window;
  return window && !window.isDestroyed() ? window : undefined;
}

function openMainWindow(): void {
  if (!core) return;
  const settings = core.settings;
  windowHandle = createMainWindow({
    createWindow: (options) => new BrowserWindow(options),
    preloadPath: paths.preload,
    url: APP_ENTRY_URL,
    windowState: createWindowStateStore(dataDir, (error) => logger.warn({ err: error }, 'the window position cannot be remembered')),
    workAreas: () => {
      const primary = screen.getPrimaryDisplay();
      return [primary, ...screen.getAllDisplays().filter((display) => display.id !== primary.id)].map((display) => display.workArea);
    },
    settings: () => settings.get().general,
    isQuitting: () => quitting,
    canHideToTray: () => tray !== undefined,
    devTools: development,
    icon: join(paths.resourcesDir, 'icon.png'),
    logger,
  });
}

function showMainWindow(): void {
  const window = liveWindow();
  if (window) revealWindow(window);
  else if (shutdown === 'running') openMainWindow();
}

/** Shows the window at an address of the app (a notification's target). */
function showAt(hash: string): void {
  showMainWindow();
  // The renderer follows hash changes: a same-document navigation, no reload.
  void liveWindow()?.webContents.executeJavaScript(`location.hash = ${JSON.stringify(hash)}`).catch(() => undefined);
}

/** Shows the window at the Health page, scrolled to one entry (a notification's click). */
function showHealth(entryId: string): void {
  showAt(`#/health?entry=${encodeURIComponent(entryId)}`);
}

/** Keeps the login item in step with the setting; only for an installed app, never a dev or test run. */
function syncStartAtLogin(enabled: boolean): void {
  if (!app.isPackaged) return;
  try {
    applyStartAtLogin(enabled, {
      platform: process.platform,
      setLoginItemSettings: (settings) => app.setLoginItemSettings(settings),
      execPath: process.env.APPIMAGE ?? process.execPath,
      autostartDir: join(process.env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'autostart'),
      files: {
        mkdir: (path) => mkdirSync(path, { recursive: true }),
        write: (path, text) => writeFileSync(path, text, { mode: 0o644 }),
        remove: (path) => rmSync(path, { force: true }),
      },
    });
  } catch (error) {
    logger.warn({ err: error }, 'could not update the start-at-login entry');
  }
}

async function withTimeout(work: Promise<void>, ms: number): Promise<'done' | 'timeout'> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), ms);
  });
  try {
    return await Promise.race([work.then(() => 'done' as const), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

async function stop(): Promise<void> {
  const started = Date.now();
  try {
    windowHandle?.saveState();
  } catch (error) {
    logger.warn({ err: error }, 'could not save the window state');
  }
  notifications?.dispose();
  signInWindows.close();
  links?.dispose();
  requestNotifications?.dispose();
  downloadNotifications?.dispose();
  tray?.dispose();
  tray = undefined;
  disposeBridge?.();
  if (core) {
    const outcome = await withTimeout(
      core.dispose().catch((error: unknown) => logger.error({ err: error }, 'core dispose failed')),
      DISPOSE_TIMEOUT_MS,
    );
    if (outcome === 'timeout') logger.warn({ timeoutMs: DISPOSE_TIMEOUT_MS }, 'the core did not finish disposing in time; exiting anyway');
  }
  logger.info({ ms: Date.now() - started }, 'MediaNest stopped');
  // app.exit() follows at once; the file is written synchronously, so closing it is all that is left.
  appLogger.close();
}

async function start(): Promise<void> {
  hardenSession(session.defaultSession, logger);

  const codec = createSafeStorageCodec(safeStorage, { logger });
  core = await createCore(
    { dataDir, profile, mode: 'electron', version: app.getVersion(), demoHomelab: profile === 'demo' },
    { settingsStorage: createSettingsStorage(dataDir), secrets: createFileSecretStore(dataDir, codec), logger },
  );
  const ready = core;

  protocol.handle(APP_SCHEME, createAppProtocolHandler({ rendererDir: paths.rendererDir, resolveBinary: ready.binary.resolve, logger }));

  disposeBridge = await registerElectronIpcBridge({
    dispatch: ready.dispatch,
    events: ready.events,
    getWindows: () => {
      const window = liveWindow();
      return window ? [window] : [];
    },
    logger,
  });

  const entries = await ready.dispatch('health:entries', null);
  const downloads = await ready.dispatch('downloads:overview', null);
  const overview = downloads.ok ? (downloads.result as DownloadsOverview) : null;
  links = createVouchedLinks(ready.bus, entries.ok ? (entries.result as HealthEntry[]) : [], overview?.jobs ?? []);
  try {
    tray = createTrayService({
      createTray: createElectronTray,
      iconFor: trayIconLoader(paths.resourcesDir),
      panel: () => panelTone(),
      onPanelChange: onPanelToneChange,
      onShowWindow: showMainWindow,
      onQuit: () => app.quit(),
      onMute: (id, hours) => {
        void ready.dispatch('health:mute', { id, hours }).then((outcome) => {
          if (!outcome.ok) logger.warn({ code: outcome.error.code }, 'could not mute from the tray');
        });
      },
      bus: ready.bus,
      initial: entries.ok ? (entries.result as HealthEntry[]) : [],
      downloads: {
        initial: { running: overview?.running ?? 0, queued: overview?.queued ?? 0, paused: overview?.paused ?? false },
        onPauseAll: (paused) => {
          void ready.dispatch('downloads:pause-all', { paused }).then((outcome) => {
            if (!outcome.ok) logger.warn({ code: outcome.error.code }, 'could not pause or resume downloads from the tray');
          });
        },
      },
    });
  } catch (error) {
    // Some Linux desktops have no tray; the app then behaves like a normal window app.
    logger.warn({ err: error }, 'no system tray; close will quit and start-minimized is ignored');
  }

  const showNotification = ({ title, body, onClick }: { title: string; body: string; onClick: () => void }): void => {
    if (!Notification.isSupported()) return;
    const notification = new Notification({ title, body, icon: join(paths.resourcesDir, 'icon.png') });
    notification.on('click', onClick);
    notification.show();
  };
  notifications = createNotificationService({
    bus: ready.bus,
    notify: showNotification,
    openHealth: showHealth,
    logger,
  });
  requestNotifications = createRequestNotifications({
    bus: ready.bus,
    notify: showNotification,
    open: showAt,
    logger,
  });

  downloadNotifications = createDownloadNotifications({
    bus: ready.bus,
    notify: showNotification,
    enabled: () => ready.settings.get().notifications.enabled,
    openExternal: (url) => {
      if (!isWebAddress(url)) return;
      void shell.openExternal(url).catch((error: unknown) => logger.warn({ err: error }, 'could not open a link'));
    },
    open: showAt,
    logger,
  });

  syncStartAtLogin(ready.settings.get().general.startAtLogin);
  ready.settings.onChange((next, previous) => {
    if (next.general.startAtLogin !== previous.general.startAtLogin) syncStartAtLogin(next.general.startAtLogin);
  });

  // Started at login: only the tray, unless there is none to come back from.
  const hidden = launchedHidden(process.argv);
  if (!hidden || tray === undefined) openMainWindow();
  logger.info({ profile, dataDir, encryptedSecrets: codec.encrypted }, 'MediaNest window opened');
}

if (!app.requestSingleInstanceLock()) {
  // Another MediaNest with this profile runs; it gets `second-instance` and shows itself.
  app.exit(0);
} else {
  app.on('second-instance', () => showMainWindow());
  app.on('activate', () => showMainWindow());
  app.on('window-all-closed', () => {
    // With a tray the window only hides; reaching here means it really closed.
    if (process.platform !== 'darwin' || tray === undefined) app.quit();
  });
  app.on('before-quit', (event) => {
    quitting = true;
    if (shutdown === 'stopped') return;
    event.preventDefault();
    if (shutdown === 'stopping') return;
    shutdown = 'stopping';
    void stop().finally(() => {
      shutdown = 'stopped';
      app.exit(0);
    });
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => app.quit());

  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      logger.fatal({ err: error }, 'MediaNest could not start');
      dialog.showErrorBox('MediaNest could not start', error instanceof Error ? error.message : String(error));
      quitting = true;
      shutdown = 'stopping';
      void stop().finally(() => app.exit(1));
    });
}
