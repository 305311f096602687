/**
 * Adapts Electron's Tray and Menu to the tray service's `TrayLike`, and picks
 * the tray icon for a health status.
 */
import { Menu, Tray, nativeImage, type NativeImage } from 'electron';
import { join } from 'node:path';
import type { OverallHealth, TrayLike } from './tray-service';

export function createElectronTray(icon: NativeImage): TrayLike<NativeImage> {
  const tray = new Tray(icon);
  return {
    setImage: (image) => tray.setImage(image),
    setToolTip: (text) => tray.setToolTip(text),
    setMenu: (items) =>
      tray.setContextMenu(
        Menu.buildFromTemplate(
          items.map((item) => ({
            ...(item.id !== undefined ? { id: item.id } : {}),
            ...(item.label !== undefined ? { label: item.label } : {}),
            type: item.type ?? 'normal',
            enabled: item.enabled ?? true,
            ...(item.click ? { click: item.click } : {}),
          })),
        ),
      ),
    onClick: (listener) => {
      tray.on('click', listener);
    },
    destroy: () => tray.destroy(),
  };
}

/** `tray-alert.png` when a service is down, `tray.png` otherwise; 16 px on macOS, as shipped elsewhere. */
export function trayIconLoader(resourcesDir: string, platform: NodeJS.Platform = process.platform): (status: OverallHealth) => NativeImage {
  const cache = new Map<string, NativeImage>();
  return (status) => {
    const name = status === 'unhealthy' ? 'tray-alert.png' : 'tray.png';
    let image = cache.get(name);
    if (!image) {
      image = nativeImage.createFromPath(join(resourcesDir, name));
      if (platform === 'darwin' && !image.isEmpty()) image = image.resize({ width: 16, height: 16 });
      cache.set(name, image);
    }
    return image;
  };
}
