import { PDFArray, PDFDict, PDFHexString, PDFName, PDFRef, PDFString, type PDFDocument, type PDFObject } from 'pdf-lib';

/**
 * Renames the IDs of a tagged PDF's structure elements (Chromium writes "node00000047", numbered by
 * counters whose values depend on timing inside the renderer) to "id0001"…, in the order of the
 * elements' object numbers, and updates the ID tree and every table cell's /Headers that refer to
 * them: the same manuscript then gives the same bytes.
 */
export function stableStructureIds(pdf: PDFDocument): void {
  const root = pdf.catalog.lookupMaybe(PDFName.of('StructTreeRoot'), PDFDict);
  const idTree = root?.lookupMaybe(PDFName.of('IDTree'), PDFDict);
  if (!root || !idTree) return;
  const entries = nameTreeEntries(idTree).sort((a, b) => a.ref.objectNumber - b.ref.objectNumber || a.ref.generationNumber - b.ref.generationNumber);
  const renamed = new Map(entries.map((entry, index) => [entry.id, `id${String(index + 1).padStart(4, '0')}`]));
  const rename = (value: PDFObject | undefined) => {
    const id = value instanceof PDFString || value instanceof PDFHexString ? value.decodeText() : undefined;
    const name = id === undefined ? undefined : renamed.get(id);
    return name === undefined ? undefined : PDFString.of(name);
  };
  for (const [, object] of pdf.context.enumerateIndirectObjects()) {
    if (!(object instanceof PDFDict)) continue;
    const id = rename(object.get(PDFName.of('ID')));
    if (id) object.set(PDFName.of('ID'), id);
    for (const attributes of attributeDicts(object)) {
      const headers = attributes.lookupMaybe(PDFName.of('Headers'), PDFArray);
      for (let index = 0; index < (headers?.size() ?? 0); index++) {
        const header = rename(headers?.get(index));
        if (header) headers?.set(index, header);
      }
    }
  }
  // One flat node replaces the tree; pdf-lib writes every object it holds, so the old nodes must go.
  for (const ref of nameTreeKids(idTree)) pdf.context.delete(ref);
  idTree.delete(PDFName.of('Kids'));
  idTree.delete(PDFName.of('Limits'));
  idTree.set(PDFName.of('Names'), pdf.context.obj(entries.flatMap((entry) => [PDFString.of(renamed.get(entry.id) ?? entry.id), entry.ref])));
}

/** The references of every node under a name tree's root. */
function nameTreeKids(node: PDFDict): PDFRef[] {
  const kids = node.lookupMaybe(PDFName.of('Kids'), PDFArray)?.asArray() ?? [];
  return kids.flatMap((kid) => {
    const child = node.context.lookup(kid);
    return kid instanceof PDFRef ? [kid, ...(child instanceof PDFDict ? nameTreeKids(child) : [])] : [];
  });
}

/** Every (key, value) of a name tree, through its /Kids. */
function nameTreeEntries(node: PDFDict): { id: string; ref: PDFRef }[] {
  const entries: { id: string; ref: PDFRef }[] = [];
  const names = node.lookupMaybe(PDFName.of('Names'), PDFArray);
  for (let index = 0; index + 1 < (names?.size() ?? 0); index += 2) {
    const key = names?.lookup(index);
    const value = names?.get(index + 1);
    if ((key instanceof PDFString || key instanceof PDFHexString) && value instanceof PDFRef) entries.push({ id: key.decodeText(), ref: value });
  }
  const kids = node.lookupMaybe(PDFName.of('Kids'), PDFArray);
  for (let index = 0; index < (kids?.size() ?? 0); index++) {
    const kid = kids?.lookup(index);
    if (kid instanceof PDFDict) entries.push(...nameTreeEntries(kid));
  }
  return entries;
}

/** The attribute dictionaries (/A) of a structure element: one dictionary, or an array of them. */
function attributeDicts(element: PDFDict): PDFDict[] {
  const attributes = element.lookup(PDFName.of('A'));
  if (attributes instanceof PDFDict) return [attributes];
  if (!(attributes instanceof PDFArray)) return [];
  return attributes.asArray().flatMap((item) => {
    const dict = element.context.lookup(item);
    return dict instanceof PDFDict ? [dict] : [];
  });
}
