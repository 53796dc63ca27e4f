import { describe, expect, it } from 'vitest';
import { VFile } from 'vfile';
import { deepestNesting } from '../../scripts/manuscript/check-nesting.ts';
import { excerpt } from '../../scripts/excerpt.ts';

describe('where a manuscript nests deepest', () => {
  it('is the innermost bracket or tag of the deepest run', () => {
    const file = new VFile({ value: 'Intro [a] <b>c</b>.\n\nText [x [y <em>[z]</em>]] end.\n' });
    expect(deepestNesting(file)).toMatchObject({ line: 3, column: 16 });
  });
});

describe('quoting a value from a manuscript in a message', () => {
  it('keeps a short value whole and cuts a long one, saying how long it was', () => {
    expect(excerpt('images/a.png')).toBe('images/a.png');
    expect(excerpt('x'.repeat(100_000))).toBe(`${'x'.repeat(80)}… (100,000 characters)`);
  });

  it('never cuts a character in half', () => {
    expect(excerpt(`${'x'.repeat(79)}😀${'y'.repeat(10)}`)).toBe(`${'x'.repeat(79)}… (91 characters)`);
  });
});
