import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFRef, PDFString, type PDFObject } from 'pdf-lib';
import type { Article } from '../manuscript/load-article.ts';
import { TOOL_LABEL } from '../tool.ts';

/**
 * Writes the metadata Chromium leaves out (author, subject, keywords, language, this tool as creator,
 * dates from the article) and puts back the exact heading text into bookmarks, so that the same
 * manuscript always gives the same bytes.
 */
export async function finishPdf(bytes: Uint8Array, article: Article, edit?: (pdf: PDFDocument) => void | Promise<void>): Promise<Uint8Array> {
  const pdf = await PDFDocument.load(bytes, { updateMetadata: false });
  const { matter } = article;
  pdf.setTitle(matter.title, { showInWindowTitleBar: true });
  pdf.setAuthor(matter.author);
  pdf.setSubject(matter.description);
  pdf.setKeywords([matter.keywords.join(', ')]);
  pdf.setCreator(TOOL_LABEL);
  pdf.setProducer(TOOL_LABEL);
  pdf.setCreationDate(article.date);
  pdf.setModificationDate(article.date);
  pdf.setLanguage(matter.lang);
  restoreBookmarkTitles(pdf, [matter.title, ...article.headings.map((heading) => heading.text)]);
  renumberStructureIds(pdf);
  await edit?.(pdf);
  return pdf.save({ useObjectStreams: false });
}

/**
 * Chromium drops the space where a heading wraps ("Tổquốc"). Each bookmark whose title equals a
 * heading once spaces are ignored gets that heading's text back.
 */
function restoreBookmarkTitles(pdf: PDFDocument, texts: readonly string[]): void {
  const byLetters = new Map(texts.map((text) => [text.replace(/\s+/g, ''), text]));
  const outlines = pdf.catalog.lookupMaybe(PDFName.of('Outlines'), PDFDict);
  const visit = (item: PDFDict | undefined): void => {
    for (let node = item; node; node = node.lookupMaybe(PDFName.of('Next'), PDFDict)) {
      const title = node.lookupMaybe(PDFName.of('Title'), PDFString, PDFHexString);
      const exact = title ? byLetters.get(title.decodeText().replace(/\s+/g, '')) : undefined;
      if (exact) node.set(PDFName.of('Title'), PDFHexString.fromText(exact));
      visit(node.lookupMaybe(PDFName.of('First'), PDFDict));
    }
  };
  visit(outlines?.lookupMaybe(PDFName.of('First'), PDFDict));
}

const NODE_ID = /^node\d+$/;

/**
 * Chromium names tagged elements after its internal DOM node numbers ("node00000034"), which depend on
 * what the renderer did before. Renaming them in the order of the structure tree, and rebuilding the ID
 * tree from the new names, gives the same bytes every build.
 */
function renumberStructureIds(pdf: PDFDocument): void {
  const root = pdf.catalog.lookupMaybe(PDFName.of('StructTreeRoot'), PDFDict);
  if (!root) return;
  const names = new Map<string, string>();
  const seen = new Set<PDFDict>();
  const walkTree = (object: PDFObject | undefined): void => {
    const node = object instanceof PDFRef ? pdf.context.lookup(object) : object;
    if (node instanceof PDFArray) for (let index = 0; index < node.size(); index++) walkTree(node.get(index));
    if (!(node instanceof PDFDict) || seen.has(node)) return;
    seen.add(node);
    const id = node.lookupMaybe(PDFName.of('ID'), PDFString, PDFHexString)?.decodeText();
    if (id && NODE_ID.test(id) && !names.has(id)) names.set(id, `node${String(names.size + 1).padStart(8, '0')}`);
    walkTree(node.get(PDFName.of('K')));
  };
  walkTree(root.get(PDFName.of('K')));
  if (names.size === 0) return;

  const rename = (container: PDFDict | PDFArray, visited: Set<PDFObject>): void => {
    if (visited.has(container)) return;
    visited.add(container);
    const entries: [PDFName | number, PDFObject][] = container instanceof PDFDict ? container.entries() : container.asArray().map((value, index) => [index, value]);
    for (const [key, value] of entries) {
      if (value instanceof PDFString || value instanceof PDFHexString) {
        const renamed = names.get(value.decodeText());
        if (!renamed) continue;
        if (container instanceof PDFDict) container.set(key as PDFName, PDFString.of(renamed));
        else container.set(key as number, PDFString.of(renamed));
      } else if (value instanceof PDFDict || value instanceof PDFArray) {
        rename(value, visited);
      }
    }
  };
  const visited = new Set<PDFObject>();
  for (const [, object] of pdf.context.enumerateIndirectObjects()) if (object instanceof PDFDict || object instanceof PDFArray) rename(object, visited);

  // A name tree must list its keys in order: rebuild it as one sorted leaf.
  const pairs: [string, PDFObject][] = [];
  const collect = (object: PDFObject | undefined): void => {
    const node = object instanceof PDFRef ? pdf.context.lookup(object) : object;
    // The old tree goes: left in the file, it would keep the keys in Chromium's order.
    if (object instanceof PDFRef) pdf.context.delete(object);
    if (!(node instanceof PDFDict)) return;
    const list = node.lookupMaybe(PDFName.of('Names'), PDFArray);
    for (let index = 0; list && index + 1 < list.size(); index += 2) {
      const key = list.lookup(index);
      if (key instanceof PDFString || key instanceof PDFHexString) pairs.push([key.decodeText(), list.get(index + 1)]);
    }
    const kids = node.lookupMaybe(PDFName.of('Kids'), PDFArray);
    for (let index = 0; kids && index < kids.size(); index++) collect(kids.get(index));
  };
  collect(root.get(PDFName.of('IDTree')));
  if (pairs.length === 0) return;
  pairs.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const leaf = pdf.context.obj({});
  leaf.set(PDFName.of('Names'), pdf.context.obj(pairs.flatMap(([key, value]) => [PDFString.of(key), value])));
  root.set(PDFName.of('IDTree'), pdf.context.register(leaf));
}
