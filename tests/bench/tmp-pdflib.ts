import { readFileSync } from 'node:fs';
import { PDFDocument } from 'pdf-lib';
const dl = readFileSync('/tmp/b16/out/issues/so-1.pdf');
const pr = readFileSync('/tmp/b16/out/issues/so-1.print.pdf');
for (let r = 0; r < 3; r++) {
  let t = performance.now();
  const a = await PDFDocument.load(dl, { updateMetadata: false });
  const t1 = performance.now() - t; t = performance.now();
  await a.save({ useObjectStreams: false });
  const t2 = performance.now() - t; t = performance.now();
  const b = await PDFDocument.load(pr, { updateMetadata: false });
  const t3 = performance.now() - t; t = performance.now();
  const booklet = await PDFDocument.create();
  const embedded = await booklet.embedPages(b.getPages());
  const t4 = performance.now() - t; t = performance.now();
  for (let i = 0; i < embedded.length; i += 2) { const p = booklet.addPage([842, 595]); p.drawPage(embedded[i]!, { x: 0, y: 0 }); if (embedded[i + 1]) p.drawPage(embedded[i + 1]!, { x: 421, y: 0 }); }
  await booklet.save({ useObjectStreams: false });
  const t5 = performance.now() - t; t = performance.now();
  await b.save({ useObjectStreams: false });
  const t6 = performance.now() - t;
  console.log(`load dl ${t1.toFixed(0)} save dl ${t2.toFixed(0)} load press ${t3.toFixed(0)} embed ${t4.toFixed(0)} booklet save ${t5.toFixed(0)} press save ${t6.toFixed(0)}`);
}
