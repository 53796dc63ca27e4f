import { fontFaceCss, loadFonts, MAIN_FACES, subsetsFor } from '../fonts.ts';
import { escapeHtml, loadTemplate } from '../templates.ts';

const styles = new Map<string, Promise<string>>();

/**
 * The style sheet a web page carries in its head, for pages `root` below the site's top: the shipped
 * faces with `font-display: swap`, the shared typography and the web's own styles. No request stands
 * between the page and its text: on a slow connection the text shows as soon as the page has arrived,
 * in a local face sized like the shipped one (web.css), which takes its place when it has loaded.
 */
export function pageStyles(root: string): Promise<string> {
  let css = styles.get(root);
  if (!css) {
    css = Promise.all([loadFonts(), loadTemplate('styles/article.css'), loadTemplate('styles/web.css')]).then(([fonts, article, web]) =>
      compactCss([fontFaceCss(fonts, `${root}assets/fonts/`, 'swap'), article, web].join('\n')),
    );
    styles.set(root, css);
  }
  return css;
}

/**
 * The `<link rel=preload>` of the files of the main faces that text in `lang` needs first, so that the
 * browser fetches them with the page rather than after laying it out.
 */
export async function fontPreloads(lang: string, root: string): Promise<string> {
  const subsets = subsetsFor(lang);
  return (await loadFonts())
    .filter((font) => font.style === 'normal' && subsets.includes(font.subset) && MAIN_FACES.some((face) => face.family === font.family && face.weight === font.weight))
    .map((font) => `<link rel="preload" href="${escapeHtml(`${root}assets/fonts/${font.fileName}`)}" as="font" type="font/woff2" crossorigin>`)
    .join('\n');
}

/** CSS without its comments, line breaks and indentation: the same rules in fewer bytes on the critical path. */
function compactCss(css: string): string {
  return css
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\s+/g, ' ')
    .replace(/\s*([{};])\s*/g, '$1')
    .trim();
}
