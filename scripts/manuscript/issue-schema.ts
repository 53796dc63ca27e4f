import { z } from 'zod';
import { calendarDate, nonEmpty } from './front-matter-schema.ts';

/** What `manuscript/issues/<issue>.yaml` holds; every key is documented in README.md. */
export const issueSchema = z.object({
  number: z.int({ error: 'expected the issue’s number, a whole number such as 12' }).positive('expected a number from 1 up'),
  date: calendarDate,
  title: nonEmpty('the issue’s title').optional(),
  cover: nonEmpty('the path of the cover photo, such as `images/bia.jpg`').optional(),
  articles: z
    .array(z.string({ error: 'expected the file name of a manuscript, such as `bao-cao.md`' }).regex(/\.md$/, 'expected the file name of a manuscript, ending in .md'), {
      error: 'expected the list of the issue’s manuscripts, one `- name.md` a line',
    })
    .min(1, 'an issue needs at least one article: list its manuscripts, one `- name.md` a line'),
});

/** An issue file after validation. */
export type IssueMatter = z.infer<typeof issueSchema>;

/** The keys an issue file may have. */
export const knownIssueKeys = new Set(Object.keys(issueSchema.shape));
