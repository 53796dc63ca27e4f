import type { PDFDocument } from 'pdf-lib';
import { pageContentStreams, parseContent, replaceStream, streamText, writeContent, type Operation } from './content-stream.ts';

const SHOW_TEXT = new Set(['Tj', 'TJ', "'", '"']);
const PATH_START = new Set(['m', 're']);
const PATH_PAINT = new Set(['S', 's', 'f', 'F', 'f*', 'B', 'B*', 'b', 'b*', 'n']);
const XOBJECT = new Set(['Do', 'sh', 'BI']);
const OPEN = new Set(['BMC', 'BDC']);

const BEGIN_ARTIFACT: Operation = { operands: ['/Artifact'], operator: 'BMC' };
const END: Operation = { operands: [], operator: 'EMC' };

/**
 * Marks as artifacts whatever a tagged page draws outside any marked content: Chromium leaves the
 * @page margin boxes (running head, page number) untagged, and PDF/UA wants every mark on a page to be
 * either in the structure tree or an artifact. Tagged content is not touched.
 */
export function markArtifacts(pdf: PDFDocument): void {
  for (const page of pdf.getPages()) {
    for (const { ref, stream } of pageContentStreams(page)) {
      const text = streamText(stream);
      if (text === undefined) continue;
      const operations = parseContent(text);
      const marked = wrapUntagged(operations);
      if (marked !== operations) replaceStream(pdf.context, ref, writeContent(marked));
    }
  }
}

/** The operations with each untagged text object, painted path, image or shading inside /Artifact BMC … EMC; the same array when there is none. */
export function wrapUntagged(operations: readonly Operation[]): readonly Operation[] {
  const out: Operation[] = [];
  let depth = 0;
  let inText = false;
  let changed = false;
  const wrap = (from: number, to: number) => {
    out.push(BEGIN_ARTIFACT, ...operations.slice(from, to + 1), END);
    changed = true;
  };
  for (let index = 0; index < operations.length; index++) {
    const operation = operations[index] as Operation;
    const { operator } = operation;
    if (depth === 0 && !inText && operator === 'BT') {
      const end = indexOf(operations, index, 'ET');
      if (!operations.slice(index, end).some((item) => OPEN.has(item.operator))) {
        wrap(index, end);
        index = end;
        continue;
      }
      inText = true;
    } else if (depth === 0 && !inText && PATH_START.has(operator)) {
      const end = operations.findIndex((item, at) => at > index && PATH_PAINT.has(item.operator));
      const stop = end === -1 ? operations.length - 1 : end;
      if (operations[stop]?.operator !== 'n') {
        wrap(index, stop);
        index = stop;
        continue;
      }
    } else if (depth === 0 && (XOBJECT.has(operator) || (inText && SHOW_TEXT.has(operator)))) {
      wrap(index, index);
      continue;
    }
    if (operator === 'ET') inText = false;
    if (OPEN.has(operator)) depth++;
    if (operator === 'EMC') depth = Math.max(0, depth - 1);
    out.push(operation);
  }
  return changed ? out : operations;
}

function indexOf(operations: readonly Operation[], from: number, operator: string): number {
  const found = operations.findIndex((item, at) => at > from && item.operator === operator);
  return found === -1 ? operations.length - 1 : found;
}
