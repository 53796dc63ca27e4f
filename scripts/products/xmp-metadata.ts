import { createHash } from 'node:crypto';
import { PDFArray, PDFHexString, PDFName, PDFRawStream, type PDFDocument } from 'pdf-lib';
import type { Publication } from '../publication/publication.ts';
import { escapeHtml } from '../templates.ts';
import { TOOL_LABEL } from '../tool.ts';

/** What a product claims besides its document information: the XMP properties of the standards it conforms to. */
export interface Claims {
  /** PDF/UA-1: pdfuaid:part 1. */
  ua?: boolean;
  /** PDF/A-2 level u: pdfaid:part 2, conformance U. */
  pdfa?: boolean;
  /** PDF/X-4: GTS_PDFXVersion, Trapped False and the rendition class the standard asks for. */
  pdfx?: boolean;
}

/**
 * An id derived from what the product holds (its pages' drawing and its metadata), never from the time
 * or chance: the same manuscript gives the same id, another one another id.
 */
export function contentId(pdf: PDFDocument, publication: Publication, product: string): string {
  const hash = createHash('sha256').update(`${product}\n${publication.name}\n${publication.isoDate}\n${publication.title}\n`);
  for (const page of pdf.getPages()) {
    const contents = page.node.get(PDFName.of('Contents'));
    for (const ref of contents instanceof PDFArray ? contents.asArray() : contents ? [contents] : []) {
      const stream = pdf.context.lookup(ref);
      if (stream instanceof PDFRawStream) hash.update(stream.contents);
    }
  }
  return hash.digest('hex').slice(0, 32);
}

/** Sets the trailer's file identifier, which PDF/X and PDF/A require, to `id` (32 hex digits) twice. */
export function setFileId(pdf: PDFDocument, id: string): void {
  const hex = PDFHexString.of(id.toUpperCase());
  pdf.context.trailerInfo.ID = pdf.context.obj([hex, hex]);
}

/** Writes the XMP packet (the same facts as the document information, plus the claims) as the catalog's /Metadata. */
export function setXmpMetadata(pdf: PDFDocument, publication: Publication, id: string, claims: Claims): void {
  const xml = xmpPacket(publication, id, claims);
  const stream = pdf.context.stream(Buffer.from(xml, 'utf8'), { Type: 'Metadata', Subtype: 'XML' });
  pdf.catalog.set(PDFName.of('Metadata'), pdf.context.register(stream));
}

/** The XMP packet of a publication, every value escaped for XML; dates are the publication's. */
export function xmpPacket(publication: Publication, id: string, claims: Claims): string {
  const date = publication.date.toISOString().replace(/\.\d{3}Z$/, 'Z');
  const uuid = `uuid:${id.slice(0, 8)}-${id.slice(8, 12)}-${id.slice(12, 16)}-${id.slice(16, 20)}-${id.slice(20, 32)}`;
  const alt = (value: string) => `<rdf:Alt><rdf:li xml:lang="x-default">${escapeHtml(value)}</rdf:li></rdf:Alt>`;
  const properties = [
    `<dc:format>application/pdf</dc:format>`,
    `<dc:title>${alt(publication.title)}</dc:title>`,
    `<dc:creator><rdf:Seq><rdf:li>${escapeHtml(publication.author)}</rdf:li></rdf:Seq></dc:creator>`,
    ...(publication.description ? [`<dc:description>${alt(publication.description)}</dc:description>`] : []),
    `<dc:language><rdf:Bag><rdf:li>${escapeHtml(publication.lang)}</rdf:li></rdf:Bag></dc:language>`,
    `<dc:publisher><rdf:Bag><rdf:li>${escapeHtml(publication.publisher)}</rdf:li></rdf:Bag></dc:publisher>`,
    ...(publication.keywords.length > 0 ? [`<dc:subject><rdf:Bag>${publication.keywords.map((word) => `<rdf:li>${escapeHtml(word)}</rdf:li>`).join('')}</rdf:Bag></dc:subject>`] : []),
    `<xmp:CreatorTool>${escapeHtml(TOOL_LABEL)}</xmp:CreatorTool>`,
    `<xmp:CreateDate>${date}</xmp:CreateDate>`,
    `<xmp:ModifyDate>${date}</xmp:ModifyDate>`,
    `<xmp:MetadataDate>${date}</xmp:MetadataDate>`,
    `<pdf:Producer>${escapeHtml(TOOL_LABEL)}</pdf:Producer>`,
    ...(publication.keywords.length > 0 ? [`<pdf:Keywords>${escapeHtml(publication.keywords.join(', '))}</pdf:Keywords>`] : []),
    `<xmpMM:DocumentID>${uuid}</xmpMM:DocumentID>`,
    `<xmpMM:InstanceID>${uuid}</xmpMM:InstanceID>`,
    ...(claims.pdfx ? [`<xmpMM:VersionID>1</xmpMM:VersionID>`, `<xmpMM:RenditionClass>default</xmpMM:RenditionClass>`, `<pdf:Trapped>False</pdf:Trapped>`, `<pdfxid:GTS_PDFXVersion>PDF/X-4</pdfxid:GTS_PDFXVersion>`] : []),
    ...(claims.ua ? [`<pdfuaid:part>1</pdfuaid:part>`] : []),
    ...(claims.pdfa ? [`<pdfaid:part>2</pdfaid:part>`, `<pdfaid:conformance>U</pdfaid:conformance>`] : []),
    ...(claims.pdfa && claims.ua ? [PDFUA_EXTENSION] : []),
  ];
  const namespaces = [
    'xmlns:dc="http://purl.org/dc/elements/1.1/"',
    'xmlns:xmp="http://ns.adobe.com/xap/1.0/"',
    'xmlns:pdf="http://ns.adobe.com/pdf/1.3/"',
    'xmlns:xmpMM="http://ns.adobe.com/xap/1.0/mm/"',
    ...(claims.pdfx ? ['xmlns:pdfxid="http://www.npes.org/pdfx/ns/id/"'] : []),
    ...(claims.ua ? ['xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/"'] : []),
    ...(claims.pdfa ? ['xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/"'] : []),
    ...(claims.pdfa && claims.ua ? ['xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/"', 'xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#"', 'xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#"'] : []),
  ];
  return [
    '<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>',
    '<x:xmpmeta xmlns:x="adobe:ns:meta/">',
    '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">',
    `<rdf:Description rdf:about="" ${namespaces.join(' ')}>`,
    ...properties,
    '</rdf:Description>',
    '</rdf:RDF>',
    '</x:xmpmeta>',
    '<?xpacket end="r"?>',
  ].join('\n');
}

/** PDF/A admits only the XMP schemas it lists or describes: this describes pdfuaid's one property. */
const PDFUA_EXTENSION = [
  '<pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType="Resource">',
  '<pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>',
  '<pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>',
  '<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>',
  '<pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType="Resource">',
  '<pdfaProperty:name>part</pdfaProperty:name><pdfaProperty:valueType>Integer</pdfaProperty:valueType>',
  '<pdfaProperty:category>internal</pdfaProperty:category><pdfaProperty:description>Indicates, which part of ISO 14289 standard is followed</pdfaProperty:description>',
  '</rdf:li></rdf:Seq></pdfaSchema:property>',
  '</rdf:li></rdf:Bag></pdfaExtension:schemas>',
].join('');
