import { readFile } from 'node:fs/promises';
import subsetFont from 'subset-font';
import { projectRequire } from '../../paths.ts';

/** A face the EPUB embeds: one TrueType file, subset to the book's characters. */
export interface EpubFont {
  family: string;
  weight: number;
  style: 'normal' | 'italic';
  fileName: string;
  bytes: Uint8Array;
}

/**
 * The faces of the paper editions as whole TrueType files, one a face. The web's WOFF2 files are split
 * by unicode-range into a Latin and a Vietnamese file: a reading system that ignores unicode-range (or
 * reads no WOFF2: Kindle's KF8, Adobe's engine in Kobo and PocketBook) would take one file for all the
 * text and draw the other letters from a fallback face, often without the stacked Vietnamese marks.
 */
const FACES = [
  { family: 'Noto Serif', weight: 400, style: 'normal', file: '@expo-google-fonts/noto-serif/400Regular/NotoSerif_400Regular.ttf' },
  { family: 'Noto Serif', weight: 400, style: 'italic', file: '@expo-google-fonts/noto-serif/400Regular_Italic/NotoSerif_400Regular_Italic.ttf' },
  { family: 'Noto Serif', weight: 700, style: 'normal', file: '@expo-google-fonts/noto-serif/700Bold/NotoSerif_700Bold.ttf' },
  { family: 'Noto Serif', weight: 700, style: 'italic', file: '@expo-google-fonts/noto-serif/700Bold_Italic/NotoSerif_700Bold_Italic.ttf' },
  { family: 'Be Vietnam Pro', weight: 600, style: 'normal', file: '@expo-google-fonts/be-vietnam-pro/600SemiBold/BeVietnamPro_600SemiBold.ttf' },
] as const;

/** Characters a reading system may draw besides the book's own: digits and punctuation of list numbers, page numbers and notes. */
const ALWAYS = Array.from({ length: 0x7f - 0x20 }, (_, index) => String.fromCharCode(0x20 + index)).join('');

// The typographic family (name IDs 16 and 17) names a face of a larger family: "Be Vietnam Pro",
// "SemiBold". `noHinting` is newer than the package's types (subset-font 2.4).
const SUBSET_OPTIONS = { targetFormat: 'sfnt', noHinting: true, preserveNameIds: [16, 17] } as Parameters<typeof subsetFont>[2];

/**
 * Each face subset with harfbuzz (hb-subset, through subset-font) to the characters of `text`, in
 * capitals too (the stylesheet sets some lines in capitals), keeping the layout tables that place the
 * Vietnamese marks. Hinting goes: e-readers draw at their own sizes and hint themselves, and it is a
 * third of each file.
 */
export async function epubFonts(text: string): Promise<EpubFont[]> {
  const characters = [...new Set(`${ALWAYS}${text}${text.toUpperCase()}`.normalize('NFC'))].sort().join('');
  const fonts: EpubFont[] = [];
  // One at a time: harfbuzz runs in one WebAssembly instance, and each subset takes a few milliseconds.
  for (const face of FACES) {
    const whole = await readFile(projectRequire.resolve(face.file));
    const bytes = await subsetFont(whole, characters, SUBSET_OPTIONS);
    const fileName = `${face.family.toLowerCase().replace(/ /g, '-')}-${face.weight}-${face.style}.ttf`;
    fonts.push({ family: face.family, weight: face.weight, style: face.style, fileName, bytes: new Uint8Array(bytes) });
  }
  return fonts;
}

/** The @font-face rules of the EPUB's faces, with URLs relative to its stylesheet: no unicode-range, no WOFF2. */
export function epubFontFaceCss(fonts: readonly EpubFont[]): string {
  return fonts
    .map((font) => `@font-face { font-family: '${font.family}'; font-style: ${font.style}; font-weight: ${font.weight}; src: url('fonts/${font.fileName}') format('truetype'); }`)
    .join('\n');
}
