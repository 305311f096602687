// A fake `electron` module for running the built main process (dist/main/index.js)
// in plain Node, where the real binary cannot be downloaded. It implements the
// small part of the API the shell uses, records what the shell did, then drives
// a scenario (protocol, IPC, window close, quit) and prints one JSON report line:
//   FAKE_REPORT {...}   then   FAKE_EXIT <code>
// FAKE_SCENARIO selects what to do after the window opens: "full" (default) or "idle".
import { EventEmitter } from 'node:events';
import { existsSync, writeSync } from 'node:fs';

const scenarioName = process.env.FAKE_SCENARIO ?? 'full';
const record = { calls: [], errors: [], dialogs: [] };
// Synchronous: app.exit() calls process.exit() right after, which would drop a pending pipe write.
const print = (tag, value) => writeSync(1, `${tag} ${JSON.stringify(value)}\n`);

class FakeApp extends EventEmitter {
  isPackaged = false;
  name = 'MediaNest';
  #paths = { userData: '/nonexistent/userData' };
  #switches = new Set();
  commandLine = {
    appendSwitch: (name) => this.#switches.add(name),
    hasSwitch: (name) => this.#switches.has(name),
  };
  #ready;
  isReadyNow = false;
  constructor() {
    super();
    this.#ready = new Promise((resolve) => {
      setTimeout(() => {
        this.isReadyNow = true;
        this.emit('ready');
        resolve();
      }, 10);
    });
  }
  setPath(name, value) {
    record.calls.push(['app.setPath', name, value]);
    this.#paths[name] = value;
  }
  getPath(name) {
    return this.#paths[name] ?? `/nonexistent/${name}`;
  }
  getVersion() {
    return '0.1.0-fake';
  }
  getName() {
    return this.name;
  }
  enableSandbox() {
    record.calls.push(['app.enableSandbox', this.isReadyNow ? 'after-ready' : 'before-ready']);
    this.#switches.add('enable-sandbox');
  }
  requestSingleInstanceLock() {
    record.calls.push(['app.requestSingleInstanceLock', this.#paths.userData]);
    return process.env.FAKE_LOCK !== 'taken';
  }
  whenReady() {
    return this.#ready;
  }
  quit() {
    record.calls.push(['app.quit']);
    const event = { defaultPrevented: false, preventDefault() { this.defaultPrevented = true; } };
    this.emit('before-quit', event);
    record.calls.push(['before-quit', event.defaultPrevented ? 'prevented' : 'allowed']);
    if (!event.defaultPrevented) this.exit(0);
  }
  exit(code = 0) {
    record.calls.push(['app.exit', code]);
    print('FAKE_REPORT', report());
    print('FAKE_EXIT', code);
    process.exit(code);
  }
}

export const app = new FakeApp();

class FakeWebContents extends EventEmitter {
  sent = [];
  openHandler;
  mainFrame = { url: 'medianest://app/index.html', parent: null };
  isDestroyed() {
    return false;
  }
  send(...args) {
    this.sent.push(args);
  }
  setWindowOpenHandler(handler) {
    this.openHandler = handler;
  }
}

const windows = [];
export class BrowserWindow extends EventEmitter {
  static getAllWindows() {
    return windows.filter((window) => !window.destroyed);
  }
  constructor(options) {
    super();
    this.options = options;
    this.visible = false;
    this.destroyed = false;
    this.webContents = new FakeWebContents();
    windows.push(this);
    app.emit('web-contents-created', {}, this.webContents);
  }
  async loadURL(url) {
    this.url = url;
    setTimeout(() => this.emit('ready-to-show'), 5);
  }
  show() { this.visible = true; }
  hide() { this.visible = false; }
  focus() {}
  maximize() {}
  restore() {}
  isMaximized() { return false; }
  isMinimized() { return false; }
  isDestroyed() { return this.destroyed; }
  getNormalBounds() { return { x: 10, y: 20, width: 1100, height: 700 }; }
}

let applicationMenu = 'unset';
export const Menu = {
  buildFromTemplate: (template) => ({ template }),
  setApplicationMenu: (menu) => {
    applicationMenu = menu;
  },
};

const trays = [];
export class Tray extends EventEmitter {
  constructor(image) {
    super();
    this.image = image;
    this.destroyed = false;
    trays.push(this);
  }
  setImage(image) { this.image = image; }
  setToolTip(text) { this.tooltip = text; }
  setContextMenu(menu) { this.menu = menu; }
  destroy() { this.destroyed = true; }
}

export const nativeImage = {
  createFromPath: (path) => ({ path, isEmpty: () => !existsSync(path), resize() { return this; } }),
};

const privileged = [];
const protocolHandlers = new Map();
export const protocol = {
  registerSchemesAsPrivileged: (schemes) => {
    privileged.push(...schemes);
    record.calls.push(['protocol.registerSchemesAsPrivileged', app.isReadyNow ? 'after-ready' : 'before-ready']);
  },
  handle: (scheme, handler) => {
    // FAKE_FAIL=protocol.handle: a start-up step that throws, for the "could not start" path.
    if (process.env.FAKE_FAIL === 'protocol.handle') throw new Error('protocol.handle failed (FAKE_FAIL)');
    protocolHandlers.set(scheme, handler);
  },
  unhandle: (scheme) => protocolHandlers.delete(scheme),
};

export const safeStorage = {
  isEncryptionAvailable: () => true,
  getSelectedStorageBackend: () => process.env.FAKE_KEYRING ?? 'gnome_libsecret',
  encryptString: (plain) => Buffer.from(`enc:${plain}`),
  decryptString: (buffer) => buffer.toString().replace(/^enc:/, ''),
};

const primary = { id: 1, workArea: { x: 0, y: 0, width: 1920, height: 1080 } };
export const screen = { getPrimaryDisplay: () => primary, getAllDisplays: () => [primary] };

const sessionState = { headers: undefined, request: undefined, check: undefined, events: {} };
export const session = {
  defaultSession: {
    webRequest: { onHeadersReceived: (listener) => (sessionState.headers = listener) },
    setPermissionRequestHandler: (handler) => (sessionState.request = handler),
    setPermissionCheckHandler: (handler) => (sessionState.check = handler),
    on: (event, listener) => (sessionState.events[event] = listener),
  },
  // Other partitions (the Plex sign-in window's): sessions of their own, recorded nowhere.
  fromPartition: (name) => (partitions[name] ??= { name, setPermissionRequestHandler() {}, setPermissionCheckHandler() {}, on() {} }),
};
const partitions = {};

export const dialog = { showErrorBox: (title, message) => record.dialogs.push({ title, message }) };

class FakeIpcMain extends EventEmitter {
  handlers = new Map();
  handle(channel, handler) {
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, handler);
  }
  removeHandler(channel) {
    this.handlers.delete(channel);
  }
}
export const ipcMain = new FakeIpcMain();

const notifications = [];
export class Notification extends EventEmitter {
  static isSupported() {
    return true;
  }
  constructor(options) {
    super();
    this.options = options;
  }
  show() {
    notifications.push(this.options);
  }
}

export const shell = { openPath: async () => '' };

class FakeNativeTheme extends EventEmitter {
  shouldUseDarkColors = false;
  shouldUseDarkColorsForSystemIntegratedUI = false;
}
export const nativeTheme = new FakeNativeTheme();

export default { app, BrowserWindow, Menu, Tray, nativeImage, nativeTheme, protocol, safeStorage, screen, session, dialog, ipcMain, Notification, shell };

const results = {};
function report() {
  const window = windows[0];
  return {
    ...results,
    calls: record.calls,
    errors: record.errors,
    dialogs: record.dialogs,
    applicationMenu,
    privileged,
    protocols: [...protocolHandlers.keys()],
    ipcHandlers: [...ipcMain.handlers.keys()],
    window: window && {
      count: windows.length,
      url: window.url,
      visible: window.visible,
      webPreferences: window.options.webPreferences,
      show: window.options.show,
      guards: window.webContents.eventNames(),
      hasOpenHandler: typeof window.webContents.openHandler === 'function',
      sent: window.webContents.sent.map(([channel, event]) => [channel, event]),
    },
    trays: trays.map((tray) => ({ destroyed: tray.destroyed, tooltip: tray.tooltip, image: tray.image?.path, menu: tray.menu?.template?.map((item) => item.label ?? item.type) })),
    session: { csp: Boolean(sessionState.headers), permissions: Boolean(sessionState.request && sessionState.check), download: Boolean(sessionState.events['will-download']) },
    notifications,
  };
}

const trusted = { senderFrame: { url: 'medianest://app/index.html', parent: null } };
const foreign = { senderFrame: { url: 'https://evil.example/', parent: null } };

async function fullScenario(window) {
  const handler = protocolHandlers.get('medianest');
  const page = await handler(new Request('medianest://app/index.html'));
  results.page = { status: page.status, csp: page.headers.get('content-security-policy'), type: page.headers.get('content-type') };
  const binary = await handler(new Request('medianest://app/binary/none/1'));
  results.binaryStatus = binary.status;

  const invoke = ipcMain.handlers.get('medianest:invoke');
  results.info = await invoke(trusted, 'app:info', null);
  results.forbidden = await invoke(foreign, 'app:info', null);
  results.invalid = await invoke(trusted, 'settings:update', { general: { closeToTray: 'yes' } });
  results.update = (await invoke(trusted, 'settings:update', { secrets: { 'plex.token': 'tok-123' } })).ok;

  const navigation = { url: 'https://evil.example/', defaultPrevented: false, preventDefault() { this.defaultPrevented = true; } };
  window.webContents.emit('will-navigate', navigation, navigation.url);
  results.navigationBlocked = navigation.defaultPrevented;
  results.windowOpen = window.webContents.openHandler({ url: 'https://evil.example/' });

  const close = { defaultPrevented: false, preventDefault() { this.defaultPrevented = true; } };
  window.emit('close', close);
  results.closeHidden = close.defaultPrevented && !window.visible;

  app.emit('second-instance');
  results.secondInstanceShows = window.visible;
  app.quit();
}

// Like Electron's own loop, keep the process alive until app.exit().
setInterval(() => {}, 60_000);

// Runs the scenario once the shell has opened its window (or reports if it never does).
const started = Date.now();
const poll = setInterval(() => {
  const window = windows[0];
  if (window?.visible) {
    clearInterval(poll);
    print('FAKE_READY', true);
    if (scenarioName === 'full') {
      fullScenario(window).catch((error) => {
        record.errors.push(String(error?.stack ?? error));
        app.exit(3);
      });
    }
  } else if (Date.now() - started > 15_000) {
    clearInterval(poll);
    results.timedOut = true;
    app.exit(2);
  }
}, 10);
