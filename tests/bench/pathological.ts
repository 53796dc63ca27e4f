import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PATHOLOGICAL_KINDS, pathologicalManuscript } from './pathological-inputs.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** Just under the 1 MB a manuscript may have. */
const BYTES = 990_000;
/** Past this a run is stopped and reported as such: the target is 10 s. */
const GIVE_UP_MS = 120_000;

/** Builds one manuscript of `kind` with the command line, as a user would; wall time and outcome. */
async function measure(kind: string): Promise<{ ms: number; outcome: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'folio-pathological-'));
  await mkdir(join(dir, 'manuscript'));
  await writeFile(join(dir, 'manuscript', 'input.md'), pathologicalManuscript(kind, BYTES));
  const started = performance.now();
  const child = spawn(process.execPath, [join(ROOT, 'scripts', 'folio.mjs'), '--manuscript', join(dir, 'manuscript'), '--out', join(dir, 'out')], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const timer = setTimeout(() => child.kill('SIGKILL'), GIVE_UP_MS);
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  clearTimeout(timer);
  const ms = performance.now() - started;
  await rm(dir, { recursive: true, force: true });
  const error = /^\S+:(\d+:\d+): error: (.{0,60})/m.exec(stderr);
  const outcome = code === 0 ? 'built' : code === null ? `stopped after ${GIVE_UP_MS / 1000} s` : error ? `refused at ${error[1]}: ${error[2]}…` : `exit ${code}: ${stderr.split('\n')[0]}`;
  return { ms, outcome };
}

// Run one kind at a time: two cores, and each build uses both.
const only = process.argv.slice(2);
process.stdout.write('| input (990 KB) | time | outcome |\n| --- | --- | --- |\n');
for (const kind of Object.keys(PATHOLOGICAL_KINDS).filter((name) => only.length === 0 || only.includes(name))) {
  const { ms, outcome } = await measure(kind);
  process.stdout.write(`| ${kind} | ${(ms / 1000).toFixed(1)} s | ${outcome} |\n`);
}
