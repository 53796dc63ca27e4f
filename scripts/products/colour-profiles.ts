import { readFile } from 'node:fs/promises';
import { deflateSync } from 'node:zlib';
import { PDFDict, PDFRawStream, type PDFDocument, type PDFRef } from 'pdf-lib';
import { basename } from 'node:path';
import sharp from 'sharp';
import { BuildError } from '../errors.ts';
import { cmykProfileProblem, profileDescription } from '../manuscript/icc-profile.ts';

/** An ICC profile a PDF embeds: its bytes, how many components it describes and its name. */
export interface ColourProfile {
  bytes: Uint8Array;
  components: 1 | 3 | 4;
  description: string;
  /** Where it was read from, for libraries that take a file (sharp). */
  path?: string;
}

const deflated = new WeakMap<ColourProfile, Buffer>();

/**
 * The profile as an ICC stream of `pdf`. Deflated once a process with Node's zlib (a press profile
 * weighs some 200 kB: pdf-lib's own compressor would take tens of milliseconds for each PDF).
 */
export function embedProfile(pdf: PDFDocument, profile: ColourProfile): PDFRef {
  let contents = deflated.get(profile);
  if (!contents) {
    contents = deflateSync(profile.bytes, { level: 6 });
    deflated.set(profile, contents);
  }
  const dict = pdf.context.obj({ N: profile.components, Filter: 'FlateDecode', Length: contents.length }) as PDFDict;
  return pdf.context.register(PDFRawStream.of(dict, contents));
}

/**
 * The CMYK characterisation the press copy is made for: Ghostscript's "Artifex CMYK SWOP Profile",
 * installed with Ghostscript (which the setup installs), is what `gs -sDEVICE=inkcov` separates with.
 */
export const DEFAULT_CMYK_PROFILE = '/usr/share/color/icc/ghostscript/default_cmyk.icc';

const cmyk = new Map<string, Promise<ColourProfile>>();
let srgb: Promise<ColourProfile> | undefined;

/** The press copy's CMYK output profile, read once a process; a clear error when it is missing or not a CMYK output profile. */
export function cmykProfile(path = DEFAULT_CMYK_PROFILE): Promise<ColourProfile> {
  const read =
    cmyk.get(path) ??
    readFile(path).then(
      (bytes) => checkProfile(bytes, path),
      () => {
        throw new BuildError('COLOUR_PROFILE', `the press copy's CMYK profile ${path} cannot be read: install Ghostscript (\`npm run setup\` does) or give the printer's profile as \`press.profile\` in publication.yaml`);
      },
    );
  cmyk.set(path, read);
  return read;
}

/** sRGB as libvips ships it: the colour space Chromium's pixels and Folio's photos are in. */
export function srgbProfile(): Promise<ColourProfile> {
  srgb ??= sharp({ create: { width: 1, height: 1, channels: 3, background: '#000' } })
    .withIccProfile('srgb')
    .png()
    .toBuffer()
    .then((png) => sharp(png).metadata())
    .then((metadata) => {
      if (!metadata.icc) throw new BuildError('COLOUR_PROFILE', 'sharp gave no sRGB profile: reinstall the npm packages (`npm ci`)');
      return { bytes: metadata.icc, components: 3, description: 'sRGB' };
    });
  return srgb;
}

/** The profile, or a clear error when it is no CMYK output profile. */
function checkProfile(bytes: Buffer, path: string): ColourProfile {
  const problem = cmykProfileProblem(bytes);
  if (problem) throw new BuildError('COLOUR_PROFILE', `the press copy's profile ${path}: ${problem}`);
  return { bytes, components: 4, description: profileDescription(bytes, basename(path)), path };
}
