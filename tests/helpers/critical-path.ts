import type { Page } from 'puppeteer-core';

/** An @font-face rule as the page's stylesheets declare it, its address resolved. */
export interface DeclaredFace {
  family: string;
  /** The weights it covers, lowest and highest (one weight twice). */
  weights: [number, number];
  style: string;
  display: string;
  urls: string[];
  /** Its unicode-range as [first, last] code point pairs; the whole of Unicode where it gives none. */
  ranges: [number, number][];
}

/** What a page asked for before it could show its text, read after its load event and document.fonts.ready. */
export interface CriticalPath {
  /** Resources the browser held the first render for (PerformanceResourceTiming renderBlockingStatus). */
  renderBlocking: string[];
  /** Every @import of every stylesheet: a request chained behind another. */
  imports: string[];
  /** The document's bytes as they came over the wire, headers included. */
  documentTransferSize: number;
  /** Every @font-face rule, in the order of declaration. */
  declaredFaces: DeclaredFace[];
  /** The faces the page loaded or is loading, with their font-display. */
  usedFaces: { family: string; weight: string; style: string; display: string; unicodeRange: string }[];
  /** `<link rel=preload as=font>`: absolute address and whether it has `crossorigin`. */
  fontPreloads: { href: string; crossorigin: boolean }[];
}

/** Loads `url` in `page` and reads its critical path (see CriticalPath). The page's cache should be off. */
export async function readCriticalPath(page: Page, url: string): Promise<CriticalPath> {
  await page.goto(url, { waitUntil: 'load' });
  return page.evaluate(async () => {
    await document.fonts.ready;
    const unquote = (value: string) => value.trim().replace(/^["']|["']$/g, '');
    const weightOf = (value: string) => (value === 'bold' ? 700 : value === 'normal' || value === '' ? 400 : Number(value));
    const rangesOf = (value: string): [number, number][] =>
      value.trim() === ''
        ? [[0, 0x10ffff]]
        : value.split(',').map((part) => {
            const [first = '0', last] = part.trim().replace(/^U\+/i, '').split('-');
            // U+4?? covers U+400–U+4FF.
            return [Number.parseInt(first.replace(/\?/g, '0'), 16), Number.parseInt((last ?? first).replace(/\?/g, 'F'), 16)];
          });
    const imports: string[] = [];
    const declaredFaces: DeclaredFace[] = [];
    const walk = (rules: CSSRuleList, base: string) => {
      for (const rule of rules) {
        if (rule instanceof CSSImportRule) {
          imports.push(`${rule.href} (from ${base})`);
          if (rule.styleSheet) walk(rule.styleSheet.cssRules, rule.styleSheet.href ?? base);
        } else if (rule instanceof CSSFontFaceRule) {
          const weights = rule.style.getPropertyValue('font-weight').trim().split(/\s+/).map(weightOf);
          declaredFaces.push({
            family: unquote(rule.style.getPropertyValue('font-family')),
            weights: [weights[0] ?? 400, weights[1] ?? weights[0] ?? 400],
            style: rule.style.getPropertyValue('font-style').trim() || 'normal',
            display: rule.style.getPropertyValue('font-display').trim() || 'auto',
            urls: [...rule.style.getPropertyValue('src').matchAll(/url\(\s*["']?([^"')]+)["']?\s*\)/g)].map((match) => new URL(match[1] as string, base).href),
            ranges: rangesOf(rule.style.getPropertyValue('unicode-range')),
          });
        } else if (rule instanceof CSSGroupingRule) walk(rule.cssRules, base);
      }
    };
    for (const sheet of document.styleSheets) walk(sheet.cssRules, sheet.href ?? document.baseURI);
    const navigation = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
    return {
      // renderBlockingStatus is newer than TypeScript's DOM types.
      renderBlocking: (performance.getEntriesByType('resource') as (PerformanceResourceTiming & { renderBlockingStatus?: string })[])
        .filter((entry) => entry.renderBlockingStatus === 'blocking')
        .map((entry) => entry.name),
      imports,
      documentTransferSize: navigation?.transferSize ?? Number.NaN,
      declaredFaces,
      usedFaces: [...document.fonts]
        .filter((face) => face.status === 'loaded' || face.status === 'loading')
        .map((face) => ({ family: unquote(face.family), weight: face.weight, style: face.style, display: face.display, unicodeRange: face.unicodeRange })),
      fontPreloads: [...document.querySelectorAll<HTMLLinkElement>('link[rel~="preload" i]')]
        .filter((link) => link.as === 'font')
        .map((link) => ({ href: link.href, crossorigin: link.hasAttribute('crossorigin') })),
    };
  });
}

/**
 * The face the browser takes a character from: of the @font-face rules of the family, weight and style
 * whose unicode-range holds it, the one declared last (CSS Fonts 4, §4.5: the last matching face is
 * tried first).
 */
export function faceFor(faces: readonly DeclaredFace[], family: string, weight: number, style: string, char: string): DeclaredFace | undefined {
  const code = char.codePointAt(0) ?? 0;
  return [...faces].reverse().find(
    (face) => face.family === family && face.style === style && face.weights[0] <= weight && weight <= face.weights[1] && face.ranges.some(([first, last]) => first <= code && code <= last),
  );
}

/** One layout shift the page had without the reader's doing: its score and the elements that moved. */
export interface LayoutShift {
  value: number;
  sources: string[];
}

/**
 * Makes every document `page` opens record its layout shifts from the very start (a buffered
 * PerformanceObserver); read them with layoutShifts.
 */
export async function recordLayoutShifts(page: Page): Promise<void> {
  await page.evaluateOnNewDocument(() => {
    interface Shift extends PerformanceEntry {
      value: number;
      hadRecentInput: boolean;
      sources: { node: Node | null }[];
    }
    const shifts: Shift[] = [];
    const observer = new PerformanceObserver((list) => shifts.push(...(list.getEntries() as Shift[])));
    observer.observe({ type: 'layout-shift', buffered: true });
    const describe = (node: Node | null) => (node instanceof Element ? `${node.localName}${node.id ? `#${node.id}` : ''}${node.classList.length ? `.${[...node.classList].join('.')}` : ''}` : String(node?.nodeName));
    Object.assign(globalThis, {
      folioLayoutShifts: () => {
        // Entries the observer has queued but not yet delivered.
        shifts.push(...(observer.takeRecords() as Shift[]));
        return shifts.filter((shift) => !shift.hadRecentInput).map((shift) => ({ value: shift.value, sources: shift.sources.map((source) => describe(source.node)) }));
      },
    });
  });
}

/**
 * The layout shifts of the page's document so far, once its fonts are in and two frames have been
 * drawn after that (a swapped font moves the text on the next rendering update).
 */
export async function layoutShifts(page: Page): Promise<LayoutShift[]> {
  return page.evaluate(async () => {
    await document.fonts.ready;
    await new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve())));
    return (globalThis as unknown as { folioLayoutShifts: () => LayoutShift[] }).folioLayoutShifts();
  });
}
