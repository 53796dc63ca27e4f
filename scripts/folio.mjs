#!/usr/bin/env node
// The `folio` command. It runs scripts/cli.ts from one bundle, made with esbuild the first time the
// sources change and kept under node_modules/.cache/folio/ with V8's code cache for it: Node then
// neither resolves hundreds of modules nor parses and compiles several megabytes of JavaScript at each
// start, which would cost more than a third of a second. Code that a build never runs (downloading a
// browser, fetching from the network, the WebDriver BiDi protocol) is left out of the bundle. Where
// bundling fails, it runs the TypeScript sources through tsx: the same result, only slower to start.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Script } from 'node:vm';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const cacheDir = join(root, 'node_modules', '.cache', 'folio');

function sourceFiles(dir) {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => (entry.isDirectory() ? sourceFiles(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : []))
    .sort();
}

function fingerprint() {
  // The folder is baked into the bundle: two checkouts never share one.
  const hash = createHash('sha256').update(process.version).update('\0').update(root);
  for (const file of [...sourceFiles(join(root, 'scripts')), join(root, 'package-lock.json')]) {
    hash.update(relative(root, file)).update('\0').update(readFileSync(file)).update('\0');
  }
  return hash.digest('hex').slice(0, 16);
}

/**
 * Modules that a build never runs, replaced in the bundle by one that fails if called: Puppeteer's
 * browser downloads (proxy-agent), its WebDriver BiDi support (the build speaks CDP) and
 * epub-gen-memory's fetching of remote files (node-fetch); every file a build uses comes from the
 * manuscript folder and this tool.
 */
const NEVER_RUN = /^(proxy-agent|node-fetch|\.\.\/bidi\/bidi\.js)$/;
const neverRun = {
  name: 'never-run',
  setup(build) {
    build.onResolve({ filter: NEVER_RUN }, (args) => ({ path: args.path, namespace: 'never-run' }));
    build.onLoad({ filter: /.*/, namespace: 'never-run' }, (args) => ({
      contents: `const fail = () => { throw new Error('${args.path} is not part of a Folio build'); };
module.exports = fail; module.exports.ProxyAgent = fail;`,
      loader: 'js',
    }));
  },
};

/** Writes `bytes` to `path` through a temporary file: a build running beside this one never reads half of it. */
function writeAtomically(path, bytes) {
  const temp = `${path}.${process.pid}.tmp`;
  writeFileSync(temp, bytes);
  renameSync(temp, path);
}

async function bundle(target) {
  const { build } = await import('esbuild');
  const result = await build({
    entryPoints: [join(root, 'scripts', 'cli.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    write: false,
    logLevel: 'silent',
    minifyWhitespace: true,
    minifySyntax: true,
    plugins: [neverRun],
    // sharp loads libvips, a native library, from its platform's package: it cannot be bundled.
    external: ['sharp'],
    define: { __FOLIO_ROOT__: JSON.stringify(root), 'import.meta.url': JSON.stringify(pathToFileURL(join(root, 'scripts', 'cli.ts')).href) },
  });
  mkdirSync(cacheDir, { recursive: true });
  // Older bundles go; temporary files may belong to a build running beside this one.
  for (const name of readdirSync(cacheDir)) if (!name.startsWith(target.split('/').pop()) && !name.endsWith('.tmp')) rmSync(join(cacheDir, name), { recursive: true, force: true });
  writeAtomically(target, asciiOnly(result.outputFiles[0].text));
}

/**
 * The bundle with every character outside ASCII written as a \u escape. esbuild escapes them everywhere
 * but in a few regular expressions of dependencies; one such character makes Node decode the whole
 * bundle as UTF-8 into a two-byte string at each start, where pure ASCII is read as it is.
 */
function asciiOnly(code) {
  return code.replace(/[^\x00-\x7f]/g, (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * Runs the bundle as Node runs a CommonJS module, compiled with the code cache where there is one.
 * Where there was none, or V8 refused it, the first build that succeeds writes it as the process
 * ends, when it holds every function the build compiled. After a change to the sources every product
 * is out of date, so that build renders and the cache covers rendering.
 */
function run(entry, argv) {
  const cachePath = `${entry}.v8cache`;
  const cachedData = existsSync(cachePath) ? readFileSync(cachePath) : undefined;
  const source = `(function (exports, require, module, __filename, __dirname) {${readFileSync(entry, 'utf8')}\n})`;
  const script = new Script(source, { filename: entry, ...(cachedData ? { cachedData } : {}) });
  if ((!cachedData || script.cachedDataRejected) && !argv.some((arg) => arg === '--help' || arg === '-h')) {
    process.once('exit', (code) => {
      if (code !== 0) return;
      try {
        writeAtomically(cachePath, script.createCachedData());
      } catch {
        // Only a slower next start.
      }
    });
  }
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(entry), module, entry, dirname(entry));
}

let entry;
try {
  entry = join(cacheDir, `cli-${fingerprint()}.cjs`);
  if (!existsSync(entry)) await bundle(entry);
} catch (error) {
  process.stderr.write(`note: running from the TypeScript sources (bundling failed: ${error.message.split('\n')[0]})\n`);
  const { register } = await import('tsx/esm/api');
  register();
  await import(pathToFileURL(join(root, 'scripts', 'cli.ts')).href);
  entry = undefined;
}
if (entry) run(entry, process.argv.slice(2));
