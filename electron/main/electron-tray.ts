/**
 * Adapts Electron's Tray and Menu to the tray service's `TrayLike`, picks the
 * icon for a level on a light or dark panel, and tells which panel it is.
 */
import { Menu, Tray, nativeImage, nativeTheme, type MenuItemConstructorOptions, type NativeImage } from 'electron';
import { join } from 'node:path';
import type { TrayLevel } from '../../shared/contract/areas/health-entries';
import type { PanelTone, TrayLike, TrayMenuItem } from './tray-service';

function template(items: readonly TrayMenuItem[]): MenuItemConstructorOptions[] {
  return items.map((item) => ({
    ...(item.id !== undefined ? { id: item.id } : {}),
    ...(item.label !== undefined ? { label: item.label } : {}),
    type: item.submenu ? 'submenu' : (item.type ?? 'normal'),
    enabled: item.enabled ?? true,
    ...(item.click ? { click: item.click } : {}),
    ...(item.submenu ? { submenu: template(item.submenu) } : {}),
  }));
}

export function createElectronTray(icon: NativeImage): TrayLike<NativeImage> {
  const tray = new Tray(icon);
  return {
    setImage: (image) => tray.setImage(image),
    setToolTip: (text) => tray.setToolTip(text),
    setMenu: (items) => tray.setContextMenu(Menu.buildFromTemplate(template(items))),
    onClick: (listener) => {
      tray.on('click', listener);
    },
    destroy: () => tray.destroy(),
  };
}

/** `tray-<level>-<panel>.png` (with its @2x twin beside it); 16 px on macOS, as shipped elsewhere. */
export function trayIconLoader(resourcesDir: string, platform: NodeJS.Platform = process.platform): (level: TrayLevel, panel: PanelTone) => NativeImage {
  const cache = new Map<string, NativeImage>();
  return (level, panel) => {
    const name = `tray-${level}-${panel}.png`;
    let image = cache.get(name);
    if (!image) {
      image = nativeImage.createFromPath(join(resourcesDir, name));
      if (platform === 'darwin' && !image.isEmpty()) image = image.resize({ width: 16, height: 16 });
      cache.set(name, image);
    }
    return image;
  };
}

/** Windows tells the taskbar's own theme; elsewhere the system theme is the best guess for the panel. */
export function panelTone(platform: NodeJS.Platform = process.platform): PanelTone {
  const dark = platform === 'win32' ? nativeTheme.shouldUseDarkColorsForSystemIntegratedUI : nativeTheme.shouldUseDarkColors;
  return dark ? 'dark' : 'light';
}

export function onPanelToneChange(listener: () => void): () => void {
  nativeTheme.on('updated', listener);
  return () => nativeTheme.off('updated', listener);
}
