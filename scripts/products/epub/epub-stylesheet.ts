import postcss, { type Plugin } from 'postcss';
import customProperties from 'postcss-custom-properties';
import { loadTemplate } from '../../templates.ts';
import { epubFontFaceCss, type EpubFont } from './epub-fonts.ts';

/**
 * Leaves the colours to the reading system in CSS 2.1's words: `color: currentColor` becomes `inherit`
 * (a link keeps the text's colour, not the engine's blue), and a border keeps its width and style
 * without a colour, which CSS 2.1 draws in the text's colour. Adobe's engine knows no `currentColor`,
 * and would drop a whole border that names it.
 */
const readerColours: Plugin = {
  postcssPlugin: 'folio-reader-colours',
  Declaration(declaration) {
    if (!/currentcolor/i.test(declaration.value)) return;
    if (declaration.prop === 'color') declaration.value = 'inherit';
    else declaration.value = declaration.value.replace(/\s*\bcurrentcolor\b/gi, '').trim();
  },
};

/**
 * Takes out the custom properties' definitions once every use of them has been replaced by its value,
 * and the comments, which are for the designer: a reading system loads the stylesheet with every chapter.
 */
const noCustomProperties: Plugin = {
  postcssPlugin: 'folio-no-custom-properties',
  OnceExit(root) {
    root.walkDecls(/^--/, (declaration) => void declaration.remove());
    root.walkComments((comment) => void comment.remove());
    root.walkRules((rule) => {
      if (rule.nodes.length === 0) rule.remove();
    });
  },
};

/**
 * The EPUB's one stylesheet: the faces' @font-face rules, templates/styles/article.css and epub.css, with
 * every custom property replaced by its value (postcss-custom-properties), as KF8 and Adobe's engine read
 * no `var()` and drop each rule that uses one (see the rules at the head of epub.css).
 */
export async function epubStylesheet(fonts: readonly EpubFont[]): Promise<string> {
  const strip = (css: string) => css.replace(/^@import[^\n]*\n/gm, '');
  const css = [epubFontFaceCss(fonts), strip(await loadTemplate('styles/article.css')), strip(await loadTemplate('styles/epub.css'))].join('\n');
  const result = await postcss([customProperties({ preserve: false }), noCustomProperties, readerColours]).process(css, { from: undefined });
  return result.css;
}
