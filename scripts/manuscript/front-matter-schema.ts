import { z } from 'zod';

/** A required text value: trimmed, not empty. */
export const nonEmpty = (what: string) => z.string({ error: `expected ${what} (text)` }).trim().min(1, `expected ${what}, not an empty value`);

/** A BCP 47 language tag. */
export const languageTag = z
  .string({ error: 'expected a language tag such as `vi` or `en`' })
  .regex(/^[a-zA-Z]{2,3}(?:-[a-zA-Z0-9]{2,8})*$/, 'expected a BCP 47 language tag such as `vi` or `en-GB`');

/** A calendar date written YYYY-MM-DD. */
export const calendarDate = z
  .string({ error: 'expected the publication date as YYYY-MM-DD' })
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'expected the publication date as YYYY-MM-DD', abort: true })
  .refine((value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value), 'expected a real calendar date as YYYY-MM-DD');

/** An article's front matter beside a publication.yaml: the settings give the publisher and language; no author is needed. */
export const articleSchema = z.object({
  title: nonEmpty('the headline'),
  slug: z
    .string()
    .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'expected a slug of lower-case ASCII letters, digits and single hyphens, such as `bao-cao-2023`')
    .optional(),
  lang: languageTag,
  date: calendarDate,
  author: nonEmpty('the author’s name').optional(),
  credit: nonEmpty('the credit line').optional(),
  publisher: nonEmpty('the publisher’s name'),
  source: z.url({ protocol: /^https?$/, error: 'expected the original article’s http(s) address' }).optional(),
  description: nonEmpty('a one- or two-sentence description').optional(),
  keywords: z.array(nonEmpty('a keyword'), { error: 'expected a list of keywords' }).min(1, 'expected at least one keyword').default([]),
});

/** A manuscript's front matter where no publication.yaml gives defaults: the author is required too. */
export const frontMatterSchema = articleSchema.extend({ author: nonEmpty('the author’s name') });

/** Front matter after validation, with defaults applied; every key is documented in README.md. */
export type FrontMatter = z.infer<typeof articleSchema>;

/** The keys the schema knows; anything else is reported as a warning. */
export const knownFrontMatterKeys = new Set(Object.keys(articleSchema.shape));
