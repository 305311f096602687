/**
 * The application menu. Electron's default menu carries DevTools and reload,
 * so it is never used: production gets no menu at all (macOS keeps a minimal
 * app/edit/window menu so Cmd+Q and copy/paste work); development adds the View
 * menu for DevTools.
 */
import type { MenuItemConstructorOptions } from 'electron';

/** null means "no menu" (`Menu.setApplicationMenu(null)`). */
export function applicationMenuTemplate(platform: NodeJS.Platform, development: boolean): MenuItemConstructorOptions[] | null {
  const template: MenuItemConstructorOptions[] = [];
  if (platform === 'darwin') template.push({ role: 'appMenu' }, { role: 'editMenu' }, { role: 'windowMenu' });
  if (development) template.push({ role: 'viewMenu' });
  return template.length === 0 ? null : template;
}
