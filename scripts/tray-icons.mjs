#!/usr/bin/env node
// Draws the tray icons into resources/: one per level (ok, degraded, down) for
// light and for dark panels, as SVG and as PNG at 32 and 64 px (@2x), rendered
// by the system Chromium. The levels differ in shape, not only in colour: ok is
// the bare mark, degraded adds a triangle with "!", down a circle with a cross.
// Run it after changing the drawing: `node scripts/tray-icons.mjs`.
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const resources = join(dirname(fileURLToPath(import.meta.url)), '..', 'resources');
const panels = {
  // A dark mark on light panels, a light one on dark panels; the halo is the panel's own colour.
  light: { mark: '#1f2328', halo: '#f6f8fa' },
  dark: { mark: '#f0f3f6', halo: '#1f2328' },
};
const badges = {
  ok: () => '',
  degraded: (halo) =>
    `<path d="M46 30 L62 60 L30 60 Z" fill="#d4a72c" stroke="${halo}" stroke-width="4" stroke-linejoin="round"/>` +
    '<rect x="44" y="39" width="4" height="11" rx="2" fill="#1f2328"/><circle cx="46" cy="55" r="2.4" fill="#1f2328"/>',
  down: (halo) =>
    `<circle cx="47" cy="47" r="15" fill="#e5484d" stroke="${halo}" stroke-width="4"/>` +
    '<path d="M41 41 L53 53 M53 41 L41 53" stroke="#ffffff" stroke-width="4" stroke-linecap="round"/>',
};

function svg(level, panel) {
  const { mark, halo } = panels[panel];
  const titles = { ok: 'MediaNest: everything works', degraded: 'MediaNest: a service is having trouble', down: 'MediaNest: a service is down' };
  return `<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64" viewBox="0 0 64 64">
  <title>${titles[level]}</title>
  <rect x="4" y="4" width="56" height="56" rx="14" fill="none" stroke="${mark}" stroke-width="5"/>
  <path d="M24 18 L24 40 L42 29 Z" fill="${mark}" stroke="${mark}" stroke-width="3" stroke-linejoin="round"/>
  <path d="M15 44 C 21 54, 43 54, 49 44" fill="none" stroke="${mark}" stroke-width="5" stroke-linecap="round"/>
  ${badges[level](halo)}
</svg>
`;
}

const browser = await chromium.launch({
  executablePath: process.env.MEDIANEST_CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
});
try {
  const page = await browser.newPage();
  for (const level of Object.keys(badges)) {
    for (const panel of Object.keys(panels)) {
      const name = `tray-${level}-${panel}`;
      const text = svg(level, panel);
      writeFileSync(join(resources, `${name}.svg`), text);
      for (const [size, suffix] of [[32, ''], [64, '@2x']]) {
        await page.setViewportSize({ width: size, height: size });
        await page.setContent(`<html><body style="margin:0;background:transparent">${text.replace('width="64" height="64"', `width="${size}" height="${size}"`)}</body></html>`);
        writeFileSync(join(resources, `${name}${suffix}.png`), await page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } }));
      }
    }
  }
} finally {
  await browser.close();
}
console.log('tray icons written to resources/');
