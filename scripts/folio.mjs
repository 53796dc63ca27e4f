#!/usr/bin/env node
// The `folio` command. It runs scripts/cli.ts from one bundled file, made with esbuild the first time
// the sources change and cached under node_modules/.cache/folio/: loading one file instead of
// hundreds of modules saves about a second at every start. Where bundling fails, it runs the
// TypeScript sources through tsx, which gives the same result, only slower to start.
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

async function bundle(target) {
  const { build } = await import('esbuild');
  const result = await build({
    entryPoints: [join(root, 'scripts', 'cli.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    write: false,
    logLevel: 'silent',
    define: { __FOLIO_ROOT__: JSON.stringify(root) },
    // CommonJS packages inside an ES module bundle still call require().
    banner: { js: "import { createRequire as __folioRequire } from 'node:module'; const require = __folioRequire(import.meta.url);" },
  });
  mkdirSync(cacheDir, { recursive: true });
  // Older bundles go; temporary files may belong to a build running beside this one.
  for (const name of readdirSync(cacheDir)) if (name.endsWith('.mjs') && join(cacheDir, name) !== target) rmSync(join(cacheDir, name), { force: true });
  const temp = `${target}.${process.pid}.tmp`;
  writeFileSync(temp, result.outputFiles[0].contents);
  renameSync(temp, target);
}

let entry;
try {
  entry = join(cacheDir, `cli-${fingerprint()}.mjs`);
  if (!existsSync(entry)) await bundle(entry);
} catch (error) {
  process.stderr.write(`note: running from the TypeScript sources (bundling failed: ${error.message.split('\n')[0]})\n`);
  const { register } = await import('tsx/esm/api');
  register();
  entry = join(root, 'scripts', 'cli.ts');
}
await import(pathToFileURL(entry).href);
