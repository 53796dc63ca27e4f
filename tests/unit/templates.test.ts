import { describe, expect, it } from 'vitest';
import { escapeCssString, fillTemplate } from '../../scripts/templates.ts';

describe('templates', () => {
  it('escapes {{values}} and inserts {{{html}}} as it is', () => {
    expect(fillTemplate('<h1>{{title}}</h1>{{{body}}}', { title: 'A & <B>', body: '<p>x</p>' })).toBe('<h1>A &amp; &lt;B&gt;</h1><p>x</p>');
  });

  it('keeps a {{#section}} only where its value is not empty', () => {
    const template = '{{#source}}<a href="{{source}}">{{source}}</a>{{/source}}';
    expect(fillTemplate(template, { source: '' })).toBe('');
    expect(fillTemplate(template, { source: 'https://a.vn/"x"' })).toBe('<a href="https://a.vn/&quot;x&quot;">https://a.vn/&quot;x&quot;</a>');
  });

  it('names the template and the key a build does not provide', () => {
    expect(() => fillTemplate('{{missing}}', {}, 'web.html')).toThrow('web.html uses {{missing}}, which the build does not provide');
  });

  it('escapes text for a CSS string so that it cannot end the string or the style element', () => {
    expect(escapeCssString('Báo "A" </style>')).toBe('Báo \\22 A\\22  \\3c /style\\3e ');
  });
});
