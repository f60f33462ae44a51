// Renders the PWA's PNG icons from their SVG sources with Debian's Chromium, so the PNGs in
// web/public/icons can be rebuilt after an edit: `node bin/tsx.js scripts/render-icons.ts`.
import { readFileSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { browserLaunchOptions } from '../tests/e2e/browser.ts';

const dir = new URL('../web/public/icons/', import.meta.url);
const outputs = [
  { svg: 'icon.svg', png: 'icon-192.png', size: 192 },
  { svg: 'icon.svg', png: 'icon-512.png', size: 512 },
  { svg: 'maskable.svg', png: 'maskable-512.png', size: 512 },
  { svg: 'icon.svg', png: 'apple-touch-icon.png', size: 180 },
];

const browser = await chromium.launch(browserLaunchOptions());
const page = await browser.newPage();
for (const { svg, png, size } of outputs) {
  await page.setViewportSize({ width: size, height: size });
  const markup = readFileSync(new URL(svg, dir), 'utf8');
  await page.setContent(
    `<style>html,body{margin:0;background:transparent}svg{display:block;width:${size}px;height:${size}px}</style>${markup}`,
  );
  await page.screenshot({ path: new URL(png, dir).pathname, omitBackground: true });
  console.log(`${png} (${size}×${size})`);
}
await browser.close();
