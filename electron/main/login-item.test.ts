import { describe, expect, it, vi } from 'vitest';
import { applyStartAtLogin, autostartEntry, launchedHidden, type LoginItemDeps } from './login-item';

function deps(platform: NodeJS.Platform) {
  const files = { mkdir: vi.fn(), write: vi.fn(), remove: vi.fn() };
  const setLoginItemSettings = vi.fn();
  const value: LoginItemDeps = { platform, setLoginItemSettings, execPath: '/opt/Media Nest/medianest', autostartDir: '/home/tv/.config/autostart', files };
  return { value, files, setLoginItemSettings };
}

describe('start at login', () => {
  it('writes an XDG autostart entry on Linux that starts hidden, and removes it when turned off', () => {
    const { value, files, setLoginItemSettings } = deps('linux');
    applyStartAtLogin(true, value);
    expect(files.mkdir).toHaveBeenCalledWith('/home/tv/.config/autostart');
    const [path, text] = files.write.mock.calls[0]! as [string, string];
    expect(path).toBe('/home/tv/.config/autostart/medianest.desktop');
    expect(text).toContain('Exec="/opt/Media Nest/medianest" --hidden\n');
    expect(text.startsWith('[Desktop Entry]\nType=Application\n')).toBe(true);
    applyStartAtLogin(false, value);
    expect(files.remove).toHaveBeenCalledWith('/home/tv/.config/autostart/medianest.desktop');
    expect(setLoginItemSettings).not.toHaveBeenCalled();
  });

  it('uses the system login items elsewhere', () => {
    for (const platform of ['darwin', 'win32'] as const) {
      const { value, setLoginItemSettings, files } = deps(platform);
      applyStartAtLogin(true, value);
      applyStartAtLogin(false, value);
      expect(setLoginItemSettings.mock.calls).toEqual([
        [{ openAtLogin: true, openAsHidden: true, args: ['--hidden'] }],
        [{ openAtLogin: false, openAsHidden: true, args: ['--hidden'] }],
      ]);
      expect(files.write).not.toHaveBeenCalled();
    }
  });

  it('quotes what needs quoting in the Exec line', () => {
    expect(autostartEntry('/usr/bin/electron', ['/opt/app $HOME/"x"'])).toContain('Exec=/usr/bin/electron "/opt/app \\$HOME/\\"x\\"" --hidden');
  });

  it('knows a hidden launch', () => {
    expect(launchedHidden(['/usr/bin/medianest', '--hidden'])).toBe(true);
    expect(launchedHidden(['/usr/bin/medianest'])).toBe(false);
    expect(launchedHidden([], true)).toBe(true);
  });
});
