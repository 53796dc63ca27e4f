import { readFile } from 'node:fs/promises';
import sharp from 'sharp';
import { BuildError } from '../errors.ts';

/** An ICC profile a PDF embeds: its bytes, how many components it describes and its name. */
export interface ColourProfile {
  bytes: Uint8Array;
  components: 1 | 3 | 4;
  description: string;
  /** Where it was read from, for libraries that take a file (sharp). */
  path?: string;
}

/**
 * The CMYK characterisation the press copy is made for: Ghostscript's "Artifex CMYK SWOP Profile",
 * installed with Ghostscript (which the setup installs), is what `gs -sDEVICE=inkcov` separates with.
 */
export const DEFAULT_CMYK_PROFILE = '/usr/share/color/icc/ghostscript/default_cmyk.icc';

let cmyk: Promise<ColourProfile> | undefined;
let srgb: Promise<ColourProfile> | undefined;

/** The press copy's CMYK output profile, read once a process; a clear error when it is missing or not a CMYK output profile. */
export function cmykProfile(path = DEFAULT_CMYK_PROFILE): Promise<ColourProfile> {
  cmyk ??= readFile(path).then(
    (bytes) => checkProfile(bytes, path, 'CMYK'),
    () => {
      throw new BuildError('TEMPLATE', `the press copy's CMYK profile ${path} cannot be read: install Ghostscript (\`npm run setup\` does) or give the printer's profile`);
    },
  );
  return cmyk;
}

/** sRGB as libvips ships it: the colour space Chromium's pixels and Folio's photos are in. */
export function srgbProfile(): Promise<ColourProfile> {
  srgb ??= sharp({ create: { width: 1, height: 1, channels: 3, background: '#000' } })
    .withIccProfile('srgb')
    .png()
    .toBuffer()
    .then((png) => sharp(png).metadata())
    .then((metadata) => {
      if (!metadata.icc) throw new BuildError('TEMPLATE', 'sharp gave no sRGB profile: reinstall the npm packages (`npm ci`)');
      return { bytes: metadata.icc, components: 3, description: 'sRGB' };
    });
  return srgb;
}

/** Checks an ICC header: an output (prtr) profile of the expected colour space. */
function checkProfile(bytes: Buffer, path: string, space: 'CMYK'): ColourProfile {
  const header = bytes.subarray(0, 128).toString('latin1');
  if (bytes.length < 132 || header.slice(36, 40) !== 'acsp') throw new BuildError('TEMPLATE', `${path} is not an ICC profile`);
  if (header.slice(16, 20) !== space || header.slice(12, 16) !== 'prtr') {
    throw new BuildError('TEMPLATE', `${path} is a ${header.slice(16, 20).trim()} ${header.slice(12, 16)} profile; the press copy needs a CMYK output (prtr) profile`);
  }
  const description = /desc\0\0\0\0\0\0\0.([^\0]+)/s.exec(bytes.toString('latin1'))?.[1] ?? 'CMYK';
  return { bytes, components: 4, description: description.replace(/[^\x20-\x7e]/g, '').trim() || 'CMYK', path };
}
