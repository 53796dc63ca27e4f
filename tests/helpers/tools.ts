import { execFileSync, spawnSync } from 'node:child_process';

/** Runs a command-line tool and returns its standard output as text. */
export function run(command: string, args: readonly string[]): string {
  return execFileSync(command, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
}

/**
 * The text of a PDF as `pdftotext -raw` extracts it, optionally of one page. Raw mode keeps a hyphen
 * that ends a line (the default mode joins such lines and drops the hyphen, which the PDF does show).
 */
export function pdfText(file: string, page?: number): string {
  const range = page === undefined ? [] : ['-f', String(page), '-l', String(page)];
  return run('pdftotext', ['-raw', ...range, '-enc', 'UTF-8', file, '-']);
}

/** Number of pages, as pdfinfo reads it. */
export function pdfPages(file: string): number {
  return Number(/^Pages:\s+(\d+)/m.exec(run('pdfinfo', [file]))?.[1]);
}

/** The fonts of a PDF as `pdffonts` lists them. */
export function pdfFonts(file: string): { name: string; type: string; embedded: boolean }[] {
  return run('pdffonts', [file])
    .split('\n')
    .slice(2)
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const match = /^(\S+)\s+(.+?)\s{2,}\S+\s+(yes|no)\s+(yes|no)\s+(yes|no)/.exec(line);
      return { name: match?.[1] ?? line, type: match?.[2] ?? '', embedded: match?.[3] === 'yes' };
    });
}

/** epubcheck's messages for a file: fatal, error and warning counts, and the messages themselves. */
export function epubcheck(file: string): { errors: number; warnings: number; messages: string[] } {
  const result = spawnSync('java', ['-jar', '/usr/share/java/epubcheck.jar', '--json', '-', file], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const report = JSON.parse(result.stdout.slice(result.stdout.indexOf('{'))) as { messages: { severity: string; message: string; locations: { path: string; line: number }[] }[] };
  const count = (severities: string[]) => report.messages.filter((message) => severities.includes(message.severity)).length;
  return {
    errors: count(['FATAL', 'ERROR']),
    warnings: count(['WARNING']),
    messages: report.messages.map((message) => `${message.severity} ${message.message} ${message.locations.map((l) => `${l.path}:${l.line}`).join(' ')}`),
  };
}

/** The names of the entries of a zip file, in their stored order. */
export function zipEntries(file: string): string[] {
  return run('unzip', ['-Z1', file]).split('\n').filter(Boolean);
}

/** One entry of a zip file, as text. */
export function zipText(file: string, entry: string): string {
  return run('unzip', ['-p', file, entry]);
}

/** Text with every run of white space removed: what is left must survive line breaks and page breaks. */
export function squeeze(text: string): string {
  return text.replace(/\s+/g, '');
}

/** Plain text of an XHTML document: tags dropped, entities decoded. */
export function xhtmlText(xhtml: string): string {
  return xhtml
    .replace(/<head>[\s\S]*?<\/head>/, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#x([0-9a-f]+);/gi, (_, hex: string) => String.fromCodePoint(Number.parseInt(hex, 16)))
    .replace(/&#(\d+);/g, (_, dec: string) => String.fromCodePoint(Number(dec)))
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

/** Each entry of a zip file as `unzip -v` lists it: name, method (Stored, Defl:N…) and date-time. */
export function zipListing(file: string): { name: string; method: string; date: string }[] {
  return run('unzip', ['-v', file])
    .split('\n')
    .map((line) => /^\s*\d+\s+(\S+)\s+\d+\s+-?\d+%\s+(\S+ \S+)\s+[0-9a-f]{8}\s+(.+)$/.exec(line))
    .filter((match): match is RegExpExecArray => match !== null)
    .map((match) => ({ method: match[1] ?? '', date: match[2] ?? '', name: match[3] ?? '' }));
}

/** The text of every element `<tag …>text</tag>` of an XML document, in order. */
export function xmlValues(xml: string, tag: string): string[] {
  return [...xml.matchAll(new RegExp(`<${tag}(?:\\s[^>]*)?>([^<]*)</${tag}>`, 'g'))].map((match) => match[1] ?? '');
}
