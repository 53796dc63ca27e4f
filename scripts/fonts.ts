import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { primaryLanguage } from './labels.ts';
import { projectRequire } from './paths.ts';

/** A font file the products embed, served from `assets/fonts/`. */
export interface FontFile {
  family: string;
  weight: number;
  style: 'normal' | 'italic';
  subset: (typeof SUBSETS)[number];
  fileName: string;
  bytes: Uint8Array;
}

/** The faces the templates use: Noto Serif for text, Be Vietnam Pro for headings; both cover all of Vietnamese. */
const FACES = [
  { pkg: '@fontsource/noto-serif', family: 'Noto Serif', id: 'noto-serif', weights: [400, 700], styles: ['normal', 'italic'] },
  { pkg: '@fontsource/be-vietnam-pro', family: 'Be Vietnam Pro', id: 'be-vietnam-pro', weights: [600], styles: ['normal'] },
] as const;

const SUBSETS = ['latin', 'latin-ext', 'vietnamese'] as const;

/** The faces most text of a page is set in: the text face and the headings' face, upright and regular. */
export const MAIN_FACES: readonly { family: string; weight: number }[] = [
  { family: 'Noto Serif', weight: 400 },
  { family: 'Be Vietnam Pro', weight: 600 },
];

/** The subsets text in `lang` is mostly set from: Latin, and the Vietnamese letters for Vietnamese. */
export function subsetsFor(lang: string): FontFile['subset'][] {
  return primaryLanguage(lang) === 'vi' ? ['latin', 'vietnamese'] : ['latin'];
}

/** Unicode ranges of the subsets, as @fontsource declares them. */
const RANGES: Record<FontFile['subset'], string> = {
  latin: 'U+0000-00FF,U+0131,U+0152-0153,U+02BB-02BC,U+02C6,U+02DA,U+02DC,U+0304,U+0308,U+0329,U+2000-206F,U+20AC,U+2122,U+2191,U+2193,U+2212,U+2215,U+FEFF,U+FFFD',
  'latin-ext': 'U+0100-02BA,U+02BD-02C5,U+02C7-02CC,U+02CE-02D7,U+02DD-02FF,U+0304,U+0308,U+0329,U+1D00-1DBF,U+1E00-1E9F,U+1EF2-1EFF,U+2020,U+20A0-20AB,U+20AD-20C0,U+2113,U+2C60-2C7F,U+A720-A7FF',
  vietnamese: 'U+0102-0103,U+0110-0111,U+0128-0129,U+0168-0169,U+01A0-01A1,U+01AF-01B0,U+0300-0301,U+0303-0304,U+0308-0309,U+0323,U+0329,U+1EA0-1EF9,U+20AB',
};

let loaded: Promise<FontFile[]> | undefined;

/** Reads the font files once per process. */
export function loadFonts(): Promise<FontFile[]> {
  loaded ??= Promise.all(
    FACES.flatMap((face) => {
      const dir = join(dirname(projectRequire.resolve(`${face.pkg}/package.json`)), 'files');
      return face.weights.flatMap((weight) =>
        face.styles.flatMap((style) =>
          SUBSETS.map(async (subset): Promise<FontFile> => {
            const fileName = `${face.id}-${subset}-${weight}-${style}.woff2`;
            return { family: face.family, weight, style, subset, fileName, bytes: await readFile(join(dir, fileName)) };
          }),
        ),
      );
    }),
  );
  return loaded;
}

/**
 * The @font-face rules for `fonts`, with URLs relative to the stylesheet's folder given by `base`. A
 * print waits for every face (`block`); a web page shows its text at once and swaps the faces in.
 */
export function fontFaceCss(fonts: readonly FontFile[], base: string, display: 'block' | 'swap' = 'block'): string {
  return fonts
    .map(
      (font) =>
        `@font-face { font-family: '${font.family}'; font-style: ${font.style}; font-weight: ${font.weight}; font-display: ${display}; ` +
        `src: url('${base}${font.fileName}') format('woff2'); unicode-range: ${RANGES[font.subset]}; }`,
    )
    .join('\n');
}
