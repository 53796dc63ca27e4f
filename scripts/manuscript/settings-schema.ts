import { z } from 'zod';
import { languageTag, nonEmpty } from './front-matter-schema.ts';

/** Named trims a bulletin is printed at, in millimetres (ISO 216 and 269). */
const NAMED_TRIMS: Readonly<Record<string, { width: number; height: number }>> = {
  A4: { width: 210, height: 297 },
  A5: { width: 148, height: 210 },
  A6: { width: 105, height: 148 },
  B5: { width: 176, height: 250 },
  B6: { width: 125, height: 176 },
};

/** The largest trim a press copy may have, in millimetres: 19 × 27 cm. */
export const MAX_TRIM_MM = { width: 190, height: 270 };

/** The named trims a press copy may have. */
const PRINTABLE = Object.keys(NAMED_TRIMS).filter((name) => {
  const size = NAMED_TRIMS[name] as { width: number; height: number };
  return size.width <= MAX_TRIM_MM.width && size.height <= MAX_TRIM_MM.height;
});
/** The smallest: A6. */
const MIN_TRIM_MM = { width: 105, height: 148 };

/** A trim size: a name (A5, A6, B5, B6) or `WIDTHxHEIGHT mm`, read into millimetres. */
const trimSize = z
  .string({ error: 'expected a trim size such as `A5` or `170x240mm`' })
  .transform((value, context) => {
    const named = NAMED_TRIMS[value.trim().toUpperCase()];
    const match = /^\s*(\d+(?:\.\d+)?)\s*[x×]\s*(\d+(?:\.\d+)?)\s*mm\s*$/i.exec(value);
    const size = named ?? (match ? { width: Number(match[1]), height: Number(match[2]) } : undefined);
    if (!size) {
      context.addIssue({ code: 'custom', message: `expected a trim size: ${PRINTABLE.join(', ')}, or WIDTHxHEIGHT mm such as \`170x240mm\`` });
      return z.NEVER;
    }
    if (size.width > MAX_TRIM_MM.width || size.height > MAX_TRIM_MM.height) {
      context.addIssue({
        code: 'custom',
        message: `a trim of ${size.width} × ${size.height} mm is larger than the ${MAX_TRIM_MM.width} × ${MAX_TRIM_MM.height} mm a press copy may have: choose A5, B5 or a smaller size`,
      });
      return z.NEVER;
    }
    if (size.width < MIN_TRIM_MM.width || size.height < MIN_TRIM_MM.height || size.width >= size.height) {
      context.addIssue({ code: 'custom', message: `a trim of ${size.width} × ${size.height} mm cannot be printed: give a portrait page of at least ${MIN_TRIM_MM.width} × ${MIN_TRIM_MM.height} mm (A6)` });
      return z.NEVER;
    }
    return size;
  });

const line = (what: string) => nonEmpty(what).optional();

/** The colophon a bulletin prints on its last page (Luật Báo chí 2016, Điều 34), each line as it is printed. */
export const colophonSchema = z.object({
  licence: line('the licence line, such as `Giấy phép xuất bản số …`'),
  responsible: line('the person responsible for the publication'),
  printer: line('the printer’s name and address'),
  print_run: line('the print run, such as `500 bản`'),
  periodicity: line('how often the bulletin appears'),
  address: line('the publisher’s address'),
});

/** What `manuscript/publication.yaml` holds; every key is documented in README.md. */
export const settingsSchema = z.object({
  name: nonEmpty('the bulletin’s name'),
  organisation: nonEmpty('the name of the organisation that publishes it'),
  lang: languageTag,
  url: z.url({ protocol: /^https?$/, error: 'expected the site’s http(s) address, such as `https://example.org/ban-tin/`' }).optional(),
  description: nonEmpty('a sentence that says what the bulletin is').optional(),
  colophon: colophonSchema.default({}),
  press: z
    .object({
      trim: trimSize.default(NAMED_TRIMS['A5'] as { width: number; height: number }),
      /** The printer's CMYK output profile (.icc), relative to publication.yaml; Ghostscript's SWOP profile without it. */
      profile: nonEmpty('the path of the printer’s CMYK profile (.icc), relative to publication.yaml').optional(),
    })
    .default({ trim: NAMED_TRIMS['A5'] as { width: number; height: number } }),
});

/** Publication settings after validation, the trim in millimetres. */
export type Settings = z.infer<typeof settingsSchema>;

/** The colophon's fields in the order they are printed. */
export const COLOPHON_FIELDS = ['licence', 'responsible', 'printer', 'print_run', 'periodicity', 'address'] as const;

/** The keys the settings schema knows. */
export const knownSettingsKeys = new Set(Object.keys(settingsSchema.shape));
