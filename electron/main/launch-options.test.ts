import { describe, expect, it } from 'vitest';
import { applicationMenuTemplate } from './app-menu';
import { resolveAppPaths } from './app-paths';
import { resolveProfile } from './launch-options';

describe('resolveProfile', () => {
  it('is demo with --demo or MEDIANEST_PROFILE=demo, default otherwise', () => {
    expect(resolveProfile(['/usr/bin/electron', '.', '--demo'], {})).toBe('demo');
    expect(resolveProfile(['/usr/bin/electron', '.'], { MEDIANEST_PROFILE: 'demo' })).toBe('demo');
    expect(resolveProfile(['/usr/bin/electron', '.'], {})).toBe('default');
    expect(resolveProfile(['/usr/bin/electron', '.', '--demo=false'], { MEDIANEST_PROFILE: 'other' })).toBe('default');
  });
});

describe('applicationMenuTemplate', () => {
  it('has no menu (and so no DevTools) in production on Linux and Windows', () => {
    expect(applicationMenuTemplate('linux', false)).toBeNull();
    expect(applicationMenuTemplate('win32', false)).toBeNull();
  });

  it('keeps a minimal macOS menu without the View menu in production', () => {
    const roles = applicationMenuTemplate('darwin', false)!.map((item) => item.role);
    expect(roles).toEqual(['appMenu', 'editMenu', 'windowMenu']);
  });

  it('adds the View menu (DevTools) only in development', () => {
    expect(applicationMenuTemplate('linux', true)!.map((item) => item.role)).toEqual(['viewMenu']);
  });
});

describe('resolveAppPaths', () => {
  it('finds preload, renderer and resources from dist/main/index.js', () => {
    expect(resolveAppPaths('file:///opt/MediaNest/resources/app.asar/dist/main/index.js')).toEqual({
      preload: '/opt/MediaNest/resources/app.asar/dist/preload/index.cjs',
      rendererDir: '/opt/MediaNest/resources/app.asar/dist/renderer',
      resourcesDir: '/opt/MediaNest/resources/app.asar/resources',
    });
  });
});
