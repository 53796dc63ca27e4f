/**
 * Manuscripts of the shapes CommonMark implementations keep in their "pathological" test suites (cmark's
 * test/pathological_tests.py, micromark's), plus GFM's footnotes and tables, each grown to about `bytes`:
 * inputs whose parsing time grows faster than their length in some parser.
 */
export const PATHOLOGICAL_KINDS: Record<string, (bytes: number) => string> = {
  'nested strong emphasis': (n) => `${'*a **a '.repeat(n / 14)}b${' a** a*'.repeat(n / 14)}`,
  'emphasis closers without openers': (n) => 'a_ '.repeat(n / 3),
  'emphasis openers without closers': (n) => '_a '.repeat(n / 3),
  'mismatched openers and closers': (n) => '*a_ '.repeat(n / 4),
  'openers and closers multiple of 3': (n) => `a**b${'c* '.repeat(n / 3)}`,
  'link closers without openers': (n) => 'a]'.repeat(n / 2),
  'link openers without closers': (n) => '[a'.repeat(n / 2),
  'link openers and emphasis closers': (n) => '[ a_'.repeat(n / 4),
  'pattern [ (](': (n) => '[ (]('.repeat(n / 5),
  'nested brackets': (n) => `${'['.repeat(n / 2)}a${']'.repeat(n / 2)}`,
  'nested link brackets': (n) => `${'['.repeat(n / 2 - 10)}a${'](b)'.repeat(8)}`,
  'nested block quotes': (n) => `${'> '.repeat(n / 2)}a`,
  'deeply nested lists': (n) => Array.from({ length: Math.sqrt(n / 2) }, (_, depth) => `${'  '.repeat(depth)}- a`).join('\n'),
  'backticks of growing length': (n) => Array.from({ length: Math.sqrt(2 * n) }, (_, length) => `e${'`'.repeat(length)}`).join(''),
  'unclosed links A': (n) => '[a](<b'.repeat(n / 6),
  'unclosed links B': (n) => '[a](b'.repeat(n / 5),
  'unclosed HTML comments': (n) => '</><!--'.repeat(n / 7),
  'unclosed CDATA': (n) => 'a <![CDATA['.repeat(n / 11),
  'many link reference definitions': (n) => `${Array.from({ length: n / 14 }, (_, index) => `[r${index}]: /u\n`).join('')}\n[r1]`,
  'many footnotes': (n) => {
    const count = Math.floor(n / 24);
    return `${Array.from({ length: count }, (_, index) => `a[^${index}]`).join(' ')}\n\n${Array.from({ length: count }, (_, index) => `[^${index}]: n`).join('\n')}`;
  },
  'many references to one footnote': (n) => `${'a[^1] '.repeat(n / 6)}\n\n[^1]: n`,
  'ordinary prose (for comparison)': (n) => Array.from({ length: n / 5_800 }, (_, index) => `## Section ${index + 1}\n\n${'Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor. '.repeat(7)}\n\n`.repeat(10)).join(''),
  'paragraphs just under the length limit': (n) => Array.from({ length: n / 49_000 }, () => 'Lorem ipsum dolor sit amet. '.repeat(1_750)).join('\n\n'),
  'one long paragraph': (n) => 'Lorem ipsum dolor sit amet, consectetur adipiscing elit. '.repeat(n / 57),
  'wide table': (n) => `|${' a |'.repeat(n / 8)}\n|${'---|'.repeat(n / 8)}\n`,
  'long table': (n) => `| a | b |\n|---|---|\n${'| c | d |\n'.repeat(n / 10 - 2)}`,
  'nested inline HTML': (n) => `${'<em>'.repeat(n / 9)}a${'</em>'.repeat(n / 9)}`,
  'many autolinks': (n) => 'www.a.vn '.repeat(n / 9),
};

/** A manuscript of `kind` in about `bytes`, with front matter. */
export function pathologicalManuscript(kind: string, bytes: number): string {
  const body = PATHOLOGICAL_KINDS[kind]?.(bytes - 300) ?? '';
  return `---\ntitle: ${kind}\nlang: en\ndate: 2024-01-01\nauthor: A\npublisher: P\ndescription: A pathological input.\n---\n\n${body}\n`;
}
