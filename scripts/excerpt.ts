/** How much of a value from a manuscript a message quotes: enough to recognise it, never a pasted file. */
export const MAX_QUOTED = 80;

/** `text` as a message quotes it: whole when short, else its start, an ellipsis and its length. */
export function excerpt(text: string, max = MAX_QUOTED): string {
  if (text.length <= max) return text;
  // Never half of a surrogate pair: the message would hold a character no terminal can show.
  const end = /[\uD800-\uDBFF]/.test(text.charAt(max - 1)) ? max - 1 : max;
  return `${text.slice(0, end)}… (${text.length.toLocaleString('en')} characters)`;
}
