import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from './paths.ts';

const pkg = JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')) as {
  version: string;
};

/** The name products carry as their Creator and Producer. */
export const TOOL_NAME = 'Folio';

/** The tool's version, part of every product's identity (and of cache keys). */
export const TOOL_VERSION = pkg.version;

/** "Folio 0.1.0", as written into product metadata. */
export const TOOL_LABEL = `${TOOL_NAME} ${TOOL_VERSION}`;
