import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Set by the bundler when scripts/folio.mjs runs the build from its cached bundle. */
declare const __FOLIO_ROOT__: string | undefined;

/** The project's folder: templates/, package.json and node_modules/ are found from here, wherever the code runs from. */
export const PROJECT_ROOT = typeof __FOLIO_ROOT__ === 'string' ? __FOLIO_ROOT__ : fileURLToPath(new URL('../', import.meta.url));

/** The folder a designer edits: HTML templates and their stylesheets. */
export const TEMPLATES_DIR = join(PROJECT_ROOT, 'templates');

/** `require` resolving from the project, for files that packages ship (fonts, scripts). */
export const projectRequire = createRequire(join(PROJECT_ROOT, 'package.json'));
