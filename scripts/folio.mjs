#!/usr/bin/env node
// The `folio` command. It runs scripts/cli.ts from a bundle made with esbuild the first time the
// sources change and cached under node_modules/.cache/folio/: loading a few files instead of hundreds
// of modules saves about a second at every start. Code that a build never runs (downloading a browser,
// fetching from the network, the WebDriver BiDi protocol) is left out of the bundle or split into
// files loaded only if asked for, so that Node parses a third as much at start. Where bundling fails,
// it runs the TypeScript sources through tsx, which gives the same result, only slower to start.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const cacheDir = join(root, 'node_modules', '.cache', 'folio');

function sourceFiles(dir) {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => (entry.isDirectory() ? sourceFiles(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : []))
    .sort();
}

function fingerprint() {
  const hash = createHash('sha256').update(process.version);
  for (const file of [...sourceFiles(join(root, 'scripts')), join(root, 'package-lock.json')]) {
    hash.update(relative(root, file)).update('\0').update(readFileSync(file)).update('\0');
  }
  return hash.digest('hex').slice(0, 16);
}

/**
 * Modules that a build never runs, replaced in the bundle by one that fails if called: Puppeteer's
 * browser downloads (proxy-agent) and epub-gen-memory's fetching of remote files (node-fetch); every
 * file a build uses comes from the manuscript folder and this tool.
 */
const NEVER_RUN = /^(proxy-agent|node-fetch)$/;
const neverRun = {
  name: 'never-run',
  setup(build) {
    build.onResolve({ filter: NEVER_RUN }, (args) => ({ path: args.path, namespace: 'never-run' }));
    build.onLoad({ filter: /.*/, namespace: 'never-run' }, (args) => ({
      contents: `const fail = () => { throw new Error('${args.path} is not part of a Folio build: nothing is downloaded or fetched'); };
export default fail; export const ProxyAgent = fail;`,
      loader: 'js',
    }));
  },
};

async function bundle(target) {
  const { build } = await import('esbuild');
  const result = await build({
    entryPoints: { cli: join(root, 'scripts', 'cli.ts') },
    bundle: true,
    splitting: true,
    outdir: target,
    outExtension: { '.js': '.mjs' },
    platform: 'node',
    format: 'esm',
    target: 'node20',
    write: false,
    logLevel: 'silent',
    minifyWhitespace: true,
    minifySyntax: true,
    plugins: [neverRun],
    define: { __FOLIO_ROOT__: JSON.stringify(root) },
    // CommonJS packages inside an ES module bundle still call require().
    banner: { js: "import { createRequire as __folioRequire } from 'node:module'; const require = __folioRequire(import.meta.url);" },
  });
  mkdirSync(cacheDir, { recursive: true });
  // Older bundles go; temporary folders may belong to a build running beside this one.
  for (const name of readdirSync(cacheDir)) if (join(cacheDir, name) !== target && !name.endsWith('.tmp')) rmSync(join(cacheDir, name), { recursive: true, force: true });
  const temp = `${target}.${process.pid}.tmp`;
  rmSync(temp, { recursive: true, force: true });
  mkdirSync(temp);
  for (const file of result.outputFiles) writeFileSync(join(temp, relative(target, file.path)), file.contents);
  try {
    renameSync(temp, target);
  } catch (error) {
    // A build beside this one made the same bundle first.
    rmSync(temp, { recursive: true, force: true });
    if (!existsSync(target)) throw error;
  }
}

let entry;
try {
  const bundleDir = join(cacheDir, `cli-${fingerprint()}`);
  if (!existsSync(bundleDir)) await bundle(bundleDir);
  entry = join(bundleDir, 'cli.mjs');
} catch (error) {
  process.stderr.write(`note: running from the TypeScript sources (bundling failed: ${error.message.split('\n')[0]})\n`);
  const { register } = await import('tsx/esm/api');
  register();
  entry = join(root, 'scripts', 'cli.ts');
}
await import(pathToFileURL(entry).href);
