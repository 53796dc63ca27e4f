// The benchmark (`npm run bench`): Folio against Pandoc (EPUB) + Pandoc/WeasyPrint (PDF) on the same
// manuscripts, from cold, in alternating runs; medians, ratios, peak memory, time per extra article,
// the unchanged rebuild and the preview's reload. Prints a table and writes it to tests/bench/results.md.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, cpus, tmpdir, totalmem } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureVivliostyle, markdownFiles, pandocScript, vivliostyleArgs } from './issue-peers.ts';
import { photoRows } from './photo-workload.ts';
import { measurePreview } from './preview-latency.ts';
import { measureRenderCosts } from './render-costs.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const FOLIO = join(ROOT, 'scripts', 'folio.mjs');
const RESULTS = join(ROOT, 'tests', 'bench', 'results.md');

interface Run {
  seconds: number;
  peakMiB: number;
}

/** Sum of the proportional set size (PSS) of a process and all its descendants, in KiB. */
async function treePss(pid: number): Promise<number> {
  const children = new Map<number, number[]>();
  for (const entry of await readdir('/proc').catch(() => [])) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => '');
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    if (!children.has(ppid)) children.set(ppid, []);
    children.get(ppid)?.push(Number(entry));
  }
  let total = 0;
  const queue = [pid];
  while (queue.length > 0) {
    const current = queue.pop() as number;
    const rollup = await readFile(`/proc/${current}/smaps_rollup`, 'utf8').catch(() => '');
    total += Number(/^Pss:\s+(\d+)/m.exec(rollup)?.[1] ?? 0);
    queue.push(...(children.get(current) ?? []));
  }
  return total;
}

/**
 * Runs a command to its end; with `sample`, reads the memory of its process tree every 100 ms. Reading
 * every process's memory map costs the kernel time on the cores the command runs on, so the timed runs
 * do not sample and one more run of each kind measures memory.
 */
function timed(command: string, args: readonly string[], options: { env?: NodeJS.ProcessEnv; sample?: boolean; cwd?: string } = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'], env: options.env ?? process.env, ...(options.cwd ? { cwd: options.cwd } : {}) });
    let stderr = '';
    let peak = 0;
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const sampler = options.sample ? setInterval(() => void treePss(child.pid as number).then((kib) => (peak = Math.max(peak, kib))), 100) : undefined;
    child.on('error', reject);
    child.on('close', (code) => {
      clearInterval(sampler);
      const seconds = (performance.now() - started) / 1000;
      if (code !== 0) reject(new Error(`${command} ${args.join(' ')} exited ${code}: ${stderr.slice(0, 500)}`));
      else resolve({ seconds, peakMiB: peak / 1024 });
    });
  });
}

/** The peer: pandoc to EPUB, then pandoc with WeasyPrint to PDF, for every manuscript, `jobs` at a time. */
async function runPeer(dir: string, out: string, jobs: number, sample = false): Promise<Run> {
  const files = (await readdir(dir)).filter((name) => name.endsWith('.md')).sort();
  const script = files
    .map((name) => {
      const stem = join(out, basename(name, '.md'));
      return `pandoc '${join(dir, name)}' -o '${stem}.epub' && pandoc '${join(dir, name)}' --pdf-engine=weasyprint -o '${stem}.pdf'`;
    })
    .join('\n');
  const list = join(out, 'jobs.txt');
  await writeFile(list, `${script}\n`);
  // xargs runs each line in a shell, `jobs` at once: the peer gets the same cores as Folio.
  return timed('xargs', ['-a', list, '-d', '\n', '-P', String(jobs), '-I', '{}', 'sh', '-c', '{}'], { sample });
}

/** The seed: the one manuscript of the project's manuscript/ folder. */
async function seedPath(): Promise<string> {
  const [name] = (await readdir(join(ROOT, 'manuscript'))).filter((entry) => entry.endsWith('.md'));
  return join(ROOT, 'manuscript', name as string);
}

/** A folder of `count` copies of the seed, each with its own file name, slug and title. */
async function workload(count: number): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), `folio-bench-${count}-`));
  const path = await seedPath();
  const seed = await readFile(path, 'utf8');
  if (count === 1) {
    await writeFile(join(dir, basename(path)), seed);
    return dir;
  }
  for (let index = 1; index <= count; index++) {
    const copy = seed.replace(/^slug: .*$/m, `slug: bai-${index}`).replace(/^title: (.*)$/m, `title: $1 (số ${index})`);
    await writeFile(join(dir, `bai-${String(index).padStart(3, '0')}.md`), copy);
  }
  return dir;
}

/** A bulletin of `count` copies of the seed: the articles, the project's settings, and one issue that lists them all. */
async function issueWorkload(count: number): Promise<string> {
  const dir = await workload(count);
  await writeFile(join(dir, 'publication.yaml'), await readFile(join(ROOT, 'manuscript', 'publication.yaml')));
  await mkdir(join(dir, 'issues'));
  const articles = (await markdownFiles(dir)).map((path) => `  - ${basename(path)}\n`).join('');
  await writeFile(join(dir, 'issues', 'so-1.yaml'), `number: 1\ndate: 2023-08-25\narticles:\n${articles}`);
  return dir;
}

/**
 * The 16-article issue against Vivliostyle CLI (one PDF) and Pandoc (one EPUB, one WeasyPrint PDF) on the
 * same files, alternating: Folio's time for the issue's own products with the articles already built
 * (the issue file changes between runs, the articles do not), and for everything from cold.
 */
async function issueRows(): Promise<{ rows: string[]; peers: string }> {
  const count = 16;
  const dir = await issueWorkload(count);
  const files = await markdownFiles(dir);
  const vivliostyle = await ensureVivliostyle(ROOT);
  const chromium = ['/usr/lib/chromium/chromium', '/usr/bin/chromium'].find((path) => spawnSync('test', ['-x', path]).status === 0) ?? 'chromium';
  const built = await mkdtemp(join(tmpdir(), 'folio-bench-issue-'));
  await timed(process.execPath, [FOLIO, '--manuscript', dir, '--out', built]);
  const issueFile = join(dir, 'issues', 'so-1.yaml');
  const times: Record<'issue' | 'cold' | 'vivliostyle' | 'pandoc', number[]> = { issue: [], cold: [], vivliostyle: [], pandoc: [] };
  for (let round = 0; round < 3; round++) {
    const runs: [keyof typeof times, () => Promise<Run>][] = [
      [
        'issue',
        async () => {
          await writeFile(issueFile, (await readFile(issueFile, 'utf8')).replace(/^number: \d+/m, `number: ${round + 2}`));
          return timed(process.execPath, [FOLIO, '--manuscript', dir, '--out', built]);
        },
      ],
      [
        'cold',
        async () => {
          const out = await mkdtemp(join(tmpdir(), 'folio-bench-issue-cold-'));
          const run = await timed(process.execPath, [FOLIO, '--manuscript', dir, '--out', out]);
          await rm(out, { recursive: true, force: true });
          return run;
        },
      ],
      [
        'vivliostyle',
        async () => {
          const out = await mkdtemp(join(tmpdir(), 'folio-bench-vivliostyle-'));
          // Vivliostyle writes its working files (.vivliostyle/) where it runs: in its own output folder.
          const run = await timed(process.execPath, await vivliostyleArgs(vivliostyle.cli, files, out, chromium), { cwd: out });
          await rm(out, { recursive: true, force: true });
          return run;
        },
      ],
      [
        'pandoc',
        async () => {
          const out = await mkdtemp(join(tmpdir(), 'folio-bench-pandoc-'));
          const run = await timed('sh', ['-c', pandocScript(files, out)]);
          await rm(out, { recursive: true, force: true });
          return run;
        },
      ],
    ];
    // A different order each round, so that no one always meets a warmer machine.
    for (let index = 0; index < runs.length; index++) {
      const [name, run] = runs[(index + round) % runs.length] as [keyof typeof times, () => Promise<Run>];
      times[name].push((await run()).seconds);
    }
  }
  await rm(built, { recursive: true, force: true });
  await rm(dir, { recursive: true, force: true });
  const [issue, cold, viv, pan] = [median(times.issue), median(times.cold), median(times.vivliostyle), median(times.pandoc)];
  const row = (label: string, ours: number) => `| ${label} | ${ours.toFixed(2)} s | ${viv.toFixed(2)} s | ${(ours / viv).toFixed(2)} | ${pan.toFixed(2)} s | ${(ours / pan).toFixed(2)} |`;
  return {
    rows: [row(`${count}-article issue: the issue's products, articles already built`, issue), row(`${count}-article issue and its ${count} articles, cold`, cold)],
    peers: `Vivliostyle CLI ${vivliostyle.version}`,
  };
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
};

function ensurePeers(): string {
  const missing = ['pandoc', 'weasyprint'].filter((tool) => spawnSync('sh', ['-c', `command -v ${tool}`]).status !== 0);
  if (missing.length > 0) {
    if (process.getuid?.() !== 0) throw new Error(`install the peers first: sudo apt-get install ${missing.join(' ')}`);
    console.log(`Installing the peers: ${missing.join(' ')}`);
    execFileSync('apt-get', ['install', '-y', '-qq', ...missing], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  }
  const pandoc = execFileSync('pandoc', ['--version'], { encoding: 'utf8' }).split('\n')[0];
  const weasy = execFileSync('weasyprint', ['--version'], { encoding: 'utf8' }).trim();
  return `${pandoc}, ${weasy}`;
}

/**
 * The bundle and its code cache are made once, like any install step (`npm run setup` builds the
 * manuscript): one untimed build. Every timed run after it starts a new process and a new Chromium.
 */
async function warmUp(): Promise<void> {
  const out = await mkdtemp(join(tmpdir(), 'folio-bench-setup-'));
  execFileSync(process.execPath, [FOLIO, '--out', out], { stdio: 'ignore', cwd: ROOT });
  await rm(out, { recursive: true, force: true });
}

async function main(): Promise<void> {
  const peers = ensurePeers();
  const jobs = availableParallelism();
  await warmUp();
  const rows: string[] = [];
  const cold: Record<number, number> = {};
  const rounds: Record<number, number> = { 1: 7, 20: 3, 100: 2 };
  for (const count of [1, 20, 100]) {
    const dir = await workload(count);
    const folio: Run[] = [];
    const peer: Run[] = [];
    let lastOut = '';
    for (let round = 0; round < (rounds[count] ?? 3); round++) {
      if (lastOut) await rm(lastOut, { recursive: true, force: true });
      lastOut = await mkdtemp(join(tmpdir(), 'folio-bench-out-'));
      const out = lastOut;
      const peerOut = await mkdtemp(join(tmpdir(), 'folio-bench-peer-'));
      const runOurs = async () => folio.push(await timed(process.execPath, [FOLIO, '--manuscript', dir, '--out', out]));
      const runTheirs = async () => peer.push(await runPeer(dir, peerOut, jobs));
      // Alternate which goes first, so that neither always meets a warmer machine.
      if (round % 2 === 0) {
        await runOurs();
        await runTheirs();
      } else {
        await runTheirs();
        await runOurs();
      }
      await rm(peerOut, { recursive: true, force: true });
    }
    const ourSeconds = median(folio.map((run) => run.seconds));
    const peerSeconds = median(peer.map((run) => run.seconds));
    cold[count] = ourSeconds;
    const label = count === 1 ? 'seed alone' : `${count} articles`;
    const memoryOut = await mkdtemp(join(tmpdir(), 'folio-bench-memory-'));
    const ourPeak = (await timed(process.execPath, [FOLIO, '--manuscript', dir, '--out', memoryOut], { sample: true })).peakMiB;
    await rm(memoryOut, { recursive: true, force: true });
    const peerOut = await mkdtemp(join(tmpdir(), 'folio-bench-peer-'));
    const peerPeak = (await runPeer(dir, peerOut, jobs, true)).peakMiB;
    await rm(peerOut, { recursive: true, force: true });
    rows.push(`| ${label}, cold, all products | ${ourSeconds.toFixed(2)} s | ${peerSeconds.toFixed(2)} s | ${(ourSeconds / peerSeconds).toFixed(2)} | ${ourPeak.toFixed(0)} MiB | ${peerPeak.toFixed(0)} MiB |`);
    if (count === 100) {
      // The unchanged rebuild: the same 100 manuscripts into the folder of the last cold build.
      const unchanged: Run[] = [];
      for (let round = 0; round < 5; round++) unchanged.push(await timed(process.execPath, [FOLIO, '--manuscript', dir, '--out', lastOut]));
      const unchangedPeak = (await timed(process.execPath, [FOLIO, '--manuscript', dir, '--out', lastOut], { sample: true })).peakMiB;
      rows.push(`| 100 articles, unchanged rebuild | ${median(unchanged.map((run) => run.seconds)).toFixed(2)} s | – | – | ${unchangedPeak.toFixed(0)} MiB | – |`);
    }
    await rm(lastOut, { recursive: true, force: true });
    await rm(dir, { recursive: true, force: true });
  }
  const perArticle = ((cold[100] as number) - (cold[20] as number)) / 80;
  const issue = await issueRows();
  const photos = await photoRows(FOLIO, await seedPath());
  const preview = await measurePreview();
  const costs = await measureRenderCosts(await seedPath());
  const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`;
  const table = [
    `Measured by \`npm run bench\` on ${machine}. Peer: ${peers}, run ${jobs} manuscripts at a time (as many as Folio's pages).`,
    '',
    '| workload | Folio | peer | ratio Folio/peer | Folio peak memory (PSS, with Chromium) | peer peak memory |',
    '| --- | --- | --- | --- | --- | --- |',
    ...rows,
    '',
    `Time per extra article (from 20 to 100): ${(perArticle * 1000).toFixed(0)} ms.`,
    '',
    `A bulletin issue of 16 copies of the seed (all five editions of the issue: web page, A4 PDF, press copy, booklet, EPUB),`,
    `against ${issue.peers} making one A4 PDF of the 16 files with the same Chromium, and Pandoc making one EPUB and one`,
    'WeasyPrint PDF of them (side by side); median of 3 alternating rounds:',
    '',
    '| workload | Folio | Vivliostyle | ratio Folio/Vivliostyle | Pandoc | ratio Folio/Pandoc |',
    '| --- | --- | --- | --- | --- | --- |',
    ...issue.rows,
    '',
    'Photos as a newsroom sends them: the seed without photos, with four camera photos and with four small photos in the',
    'same places, each made into every product\'s sizes (web WebP and JPEG, EPUB, 200 ppi and 300 ppi); cold, median of 5. A',
    'rebuild after a text edit takes the photos\' files from the image cache and does not read the photos; the workloads are',
    'rebuilt in turns, and a share is the median of the paired differences (the photos add two pages to each PDF, which the',
    'small photos add too):',
    '',
    '| workload | Folio |',
    '| --- | --- |',
    ...photos,
    '',
    `Preview: a saved edit shows in the open page after ${preview.toFixed(2)} s (median of 5).`,
    '',
    'Each time is the median of alternating runs, each run a new process from cold (no reused products, a new Chromium).',
    'Memory is the peak of one more run of each, its process tree sampled every 100 ms; the timed runs are not sampled,',
    "since reading every process's memory map takes time on the same cores.",
    '',
    "Where an article's time goes: each product of the seed made alone, one at a time, in a warm Chromium (mean of 10),",
    "with the processor time of the whole machine, Node's and Chromium's:",
    '',
    '| product | time | processor time |',
    '| --- | --- | --- |',
    ...costs.map((row) => `| ${row.product} | ${row.wallMs.toFixed(0)} ms | ${row.cpuMs.toFixed(0)} ms |`),
  ].join('\n');
  console.log(`\n${table}\n`);
  await writeFile(RESULTS, `# Benchmark\n\n${table}\n`);
  console.log(`Written to ${RESULTS}`);
}

if (process.argv.includes('--photos')) {
  // The photos' rows alone, printed: `npm run bench -- --photos`.
  await warmUp();
  console.log(['| workload | Folio |', '| --- | --- |', ...(await photoRows(FOLIO, await seedPath()))].join('\n'));
} else {
  await main();
}
