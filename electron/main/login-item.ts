/**
 * "Start MediaNest when the computer starts, minimised to the tray."
 *
 * macOS and Windows keep login items themselves (`app.setLoginItemSettings`);
 * on Linux desktops the way is an XDG autostart entry in
 * `~/.config/autostart/`. Either way the app is started with `--hidden`, so it
 * opens to the tray and not to a window.
 */
import { join } from 'node:path';

export const HIDDEN_FLAG = '--hidden';
const DESKTOP_FILE = 'medianest.desktop';

export interface LoginItemDeps {
  readonly platform: NodeJS.Platform;
  /** Electron's `app.setLoginItemSettings` (macOS, Windows). */
  readonly setLoginItemSettings: (settings: { openAtLogin: boolean; openAsHidden?: boolean; args?: string[] }) => void;
  /** The program to start and its arguments before ours (for the Linux entry). */
  readonly execPath: string;
  readonly execArgs?: readonly string[];
  /** `~/.config/autostart` (XDG_CONFIG_HOME respected by the caller). */
  readonly autostartDir: string;
  readonly files: {
    mkdir(path: string): void;
    write(path: string, text: string): void;
    remove(path: string): void;
  };
}

/** Quotes an Exec argument as the desktop entry spec asks. */
function quote(arg: string): string {
  return /[\s"'\\$`]/.test(arg) ? `"${arg.replace(/(["\\$`])/g, '\\$1')}"` : arg;
}

export function autostartEntry(execPath: string, execArgs: readonly string[] = []): string {
  const exec = [execPath, ...execArgs, HIDDEN_FLAG].map(quote).join(' ');
  return ['[Desktop Entry]', 'Type=Application', 'Name=MediaNest', 'Comment=Your media services at a glance', `Exec=${exec}`, 'Icon=medianest', 'X-GNOME-Autostart-enabled=true', 'Terminal=false', ''].join('\n');
}

export function applyStartAtLogin(enabled: boolean, deps: LoginItemDeps): void {
  if (deps.platform === 'linux') {
    const file = join(deps.autostartDir, DESKTOP_FILE);
    if (!enabled) {
      deps.files.remove(file);
      return;
    }
    deps.files.mkdir(deps.autostartDir);
    deps.files.write(file, autostartEntry(deps.execPath, deps.execArgs));
    return;
  }
  deps.setLoginItemSettings({ openAtLogin: enabled, openAsHidden: true, args: [HIDDEN_FLAG] });
}

/** Started at login (or asked to start hidden): stay in the tray. */
export function launchedHidden(argv: readonly string[], openedAsHidden = false): boolean {
  return openedAsHidden || argv.includes(HIDDEN_FLAG);
}
