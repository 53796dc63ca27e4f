// Pictures of the web edition for review: builds the manuscript, serves dist/ on 127.0.0.1 and writes
// full-page screenshots of the seed article on a phone and a desktop screen, in the light and the dark
// colour scheme, to tests/screenshots/{phone,desktop}-{light,dark}.png.
// Run: node --import tsx tests/screenshots/refresh.ts
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { closeBrowser, launchBrowser } from '../../scripts/browser.ts';
import { buildSite } from '../checks/build-site.ts';
import { serveFolder } from '../helpers/serve-folder.ts';
import { VIEWPORTS } from '../checks/viewports.ts';

const HERE = fileURLToPath(new URL('./', import.meta.url));

/**
 * A screenshot made small enough to commit: a page of text needs few colours, so a 16-colour palette
 * (4 bits a pixel, dithered for the anti-aliased edges) looks the same as full colour at a quarter of
 * the size; a phone's page at twice its CSS size stays under 400 KB. Given the same page, the bytes are
 * the same, so an unchanged page makes no change to commit.
 */
async function compress(png: Uint8Array): Promise<Buffer> {
  return sharp(png).png({ palette: true, colours: 16, dither: 1, compressionLevel: 9, effort: 10 }).toBuffer();
}

const site = await buildSite();
const served = await serveFolder(site.outDir, { gzip: true });
const session = await launchBrowser();
try {
  for (const [screen, viewport] of Object.entries(VIEWPORTS)) {
    for (const scheme of ['light', 'dark'] as const) {
      const page = await session.browser.newPage();
      try {
        await page.setViewport(viewport);
        await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: scheme }]);
        await page.goto(served.url + site.articlePath, { waitUntil: 'load' });
        // Every face the page uses, drawn: a screenshot taken earlier shows the fallback font.
        await page.evaluate(() => document.fonts.ready.then(() => undefined));
        const png = await compress(await page.screenshot({ fullPage: true, type: 'png' }));
        const file = `${screen}-${scheme}.png`;
        await writeFile(HERE + file, png);
        console.log(`${file}  ${Math.round(png.length / 1024)} KB`);
      } finally {
        await page.close();
      }
    }
  }
} finally {
  await closeBrowser(session);
  await served.close();
}
