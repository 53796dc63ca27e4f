import { subsetRanges, type FontFile } from '../../fonts.ts';

/**
 * The font files a reading system needs to draw `text`: a subset stays out when no character of the text
 * falls into its unicode-range, or only ones that a subset declared after it takes first (CSS checks
 * overlapping faces last-declared first). An archive copy then carries no font it never uses.
 */
export function fontsForText(fonts: readonly FontFile[], text: string): FontFile[] {
  // The stylesheet sets some lines in capitals (text-transform), whose letters can sit in another subset.
  const points = new Set([...`${text}${text.toUpperCase()}`].map((char) => char.codePointAt(0) ?? 0));
  const covers = (font: FontFile, point: number) => subsetRanges(font.subset).some(([first, last]) => point >= first && point <= last);
  return fonts.filter((font, index) => {
    const later = fonts.slice(index + 1).filter((other) => other.family === font.family && other.weight === font.weight && other.style === font.style);
    return [...points].some((point) => covers(font, point) && !later.some((other) => covers(other, point)));
  });
}
