import { spawn } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findChromium } from '../../scripts/browser.ts';
import { ROOT } from './build-fixture.ts';

/** What Ace by DAISY concluded: its overall outcome and every check that did not pass. */
export interface AceResult {
  outcome: string;
  failures: string[];
  /** The accessibility metadata Ace found in the package document. */
  present: string[];
  /** The documents Ace checked. */
  documents: string[];
}

interface AceReport {
  'earl:result': { 'earl:outcome': string };
  'a11y-metadata': { present: string[] };
  assertions: {
    'earl:testSubject': { url: string };
    assertions: { 'earl:test': { 'dct:title': string; 'earl:impact': string }; 'earl:result': { 'earl:outcome': string; 'dct:description': string } }[];
  }[];
}

/**
 * Runs Ace by DAISY on an EPUB and reads its JSON report: @daisy/ace-cli drives the system Chromium
 * through Puppeteer (the Electron runner of @daisy/ace cannot start here, and Electron is not installed).
 */
export async function ace(file: string): Promise<AceResult> {
  const outDir = await mkdtemp(join(tmpdir(), 'folio-ace-'));
  const bin = join(ROOT, 'node_modules', '@daisy', 'ace-cli', 'bin', 'ace.js');
  const env = { ...process.env, PUPPETEER_EXECUTABLE_PATH: await findChromium() };
  const stderr: string[] = [];
  const code = await new Promise<number | null>((resolve, reject) => {
    const child = spawn(process.execPath, [bin, '--silent', '--force', '--outdir', outDir, '--tempdir', join(outDir, 'tmp'), file], { env, stdio: ['ignore', 'ignore', 'pipe'] });
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk.toString()));
    child.on('error', reject);
    child.on('close', resolve);
  });
  if (code !== 0) throw new Error(`ace exited with ${code}: ${stderr.join('')}`);
  const report = JSON.parse(await readFile(join(outDir, 'report.json'), 'utf8')) as AceReport;
  return {
    outcome: report['earl:result']['earl:outcome'],
    failures: report.assertions.flatMap((document) =>
      document.assertions
        .filter((assertion) => assertion['earl:result']['earl:outcome'] !== 'pass')
        .map((assertion) => `${document['earl:testSubject'].url}: ${assertion['earl:test']['dct:title']} (${assertion['earl:test']['earl:impact']}) ${assertion['earl:result']['dct:description']}`),
    ),
    present: report['a11y-metadata'].present,
    documents: report.assertions.map((document) => document['earl:testSubject'].url),
  };
}
