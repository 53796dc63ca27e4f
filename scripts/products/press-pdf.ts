import type { PDFDocument } from 'pdf-lib';
import type { Publication } from '../publication/publication.ts';
import { imposeBooklet } from './booklet-pdf.ts';
import { cmykProfile, srgbProfile } from './colour-profiles.ts';
import { finishPdf, savePdf } from './finish-pdf.ts';
import { readPageMarks, type PageMarks } from './page-marks.ts';
import { pagesToRemember, printEdition } from './paginate.ts';
import { placeOriginals } from './placed-images.ts';
import { BLEED_MM, pointsToMm } from './paper.ts';
import type { BlockedRequests, ProductFile, RenderContext } from './pdf.ts';
import { toCmyk } from './pdf-content/cmyk-colours.ts';
import { identifyPdfX4, withPdf16Header } from './pdf-x4.ts';
import { describeProblems, preflightPressCopy, type PreflightProblem } from './press-preflight.ts';
import { toPressSheets } from './press-sheet.ts';

/** The most pages a saddle-stitched bulletin holds: 16 sheets folded once. */
export const MAX_PRESS_PAGES = 64;

/**
 * The press copy: pages at the publication's trim with 3 mm bleed and crop marks, every link's address
 * printed, black text on the black plate alone, PDF/X-4. Chromium renders at trim plus bleed
 * (templates/styles/press.css) in RGB; its drawing is then moved to CMYK, pdf-lib sets the boxes and
 * marks, the output intent and the identification, and a preflight checks every PDF/X-4 rule Folio
 * could break: a copy that fails it is an error on the publication, and is not written. An issue's pages come to a multiple of four, blank pages going before the
 * last, whose foot carries the colophon. The booklet is imposed from the same pages, while Chromium
 * still prints the other editions. Also where each article's printed pages break (PageMarks), for the
 * EPUB's page list. Undefined, with an error on the issue, past MAX_PRESS_PAGES.
 */
export async function renderPressPdf(
  publication: Publication,
  context: RenderContext,
  blocked: BlockedRequests,
): Promise<{ press: ProductFile & { bytes: Uint8Array }; booklet: ProductFile & { bytes: Uint8Array }; pages: number; pageMarks: PageMarks } | undefined> {
  const { trim } = publication;
  const padTo = publication.kind === 'issue' ? 4 : 1;
  const page = { width: pointsToMm(trim.width) + 2 * BLEED_MM, height: pointsToMm(trim.height) + 2 * BLEED_MM };
  // Bookmarks and tags serve screen readers; a press works from the page alone.
  const printed = await printEdition(publication, context, blocked, 'press', { stylesheet: 'press.css', bodyClass: 'press', page, pdf: { outline: false, tagged: false } }, padTo);
  if (publication.issue && printed.pageCount > MAX_PRESS_PAGES) {
    const message = publication.file.message(
      `the press copy of this issue has ${printed.pageCount} pages, more than the ${MAX_PRESS_PAGES} a saddle-stitched bulletin can hold: move articles to another issue or shorten them`,
      { place: publication.issue.articlesPlace, ruleId: 'press-pages', source: 'folio' },
    );
    message.fatal = true;
    return undefined;
  }
  let booklet: PDFDocument | undefined;
  let problems: PreflightProblem[] = [];
  let pageMarks: PageMarks = new Map();
  const [cmyk, srgb] = await Promise.all([cmykProfile(publication.pressProfile), srgbProfile()]);
  const bytes = await finishPdf(printed.bytes, publication, async (pdf) => {
    placeOriginals(pdf, printed.standIns);
    // An issue's last article ends before its blank pages and the colophon's page.
    const lastPage = printed.pageCount - (publication.kind === 'issue' ? (printed.pagination?.blanks ?? 0) + 1 : 0);
    pageMarks = readPageMarks(pdf, publication, printed.pagination?.pages ?? new Map(), lastPage);
    await toCmyk(pdf, cmyk, srgb);
    booklet = await imposeBooklet(publication, pdf, trim);
    toPressSheets(pdf, trim);
    identifyPdfX4(pdf, publication, cmyk);
    problems = preflightPressCopy(pdf);
  });
  if (problems.length > 0) {
    const message = publication.file.message(`the press copy fails its PDF/X-4 preflight, so it was not written: ${describeProblems(problems)}`, { ruleId: 'press-preflight', source: 'folio' });
    message.fatal = true;
    return undefined;
  }
  return {
    press: { name: `${publication.name}.print.pdf`, bytes: withPdf16Header(bytes) },
    booklet: { name: `${publication.name}.booklet.pdf`, bytes: await savePdf(booklet as PDFDocument) },
    pages: pagesToRemember(publication, printed),
    pageMarks,
  };
}
