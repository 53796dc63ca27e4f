import { defaultSchema, type Options as Schema } from 'rehype-sanitize';

/**
 * What raw HTML in a manuscript may keep: GitHub's safe subset plus figures and captions, minus
 * `picture` and `source`, whose `srcset` would make a reader's browser fetch a remote image.
 */
export const sanitizeSchema: Schema = {
  ...defaultSchema,
  clobberPrefix: '',
  tagNames: [...(defaultSchema.tagNames ?? []).filter((name) => name !== 'picture' && name !== 'source'), 'figure', 'figcaption', 'section', 'abbr', 'mark', 'small', 'cite'],
  attributes: {
    ...defaultSchema.attributes,
    '*': [...(defaultSchema.attributes?.['*'] ?? []), 'className', 'lang'],
    th: [...(defaultSchema.attributes?.['th'] ?? []), 'align'],
    td: [...(defaultSchema.attributes?.['td'] ?? []), 'align'],
  },
  // Removed with their content: what these hold is code, a style sheet or a fallback, never text to print.
  strip: ['script', 'style', 'iframe', 'frameset', 'object', 'embed', 'applet', 'noscript', 'noembed', 'noframes', 'template', 'textarea', 'title', 'xmp', 'svg', 'math', 'head'],
};
