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

  it('leaves no blank line for an empty section alone on its lines, and the rest of a line around one', () => {
    const template = '<footer>\n    {{#credit}}<p>{{credit}}</p>{{/credit}}\n    {{#list}}<ul>\n{{{list}}}\n    </ul>{{/list}}\n</footer>\n';
    expect(fillTemplate(template, { credit: '', list: '' })).toBe('<footer>\n</footer>\n');
    expect(fillTemplate(template, { credit: 'Tin: An', list: '<li>x</li>' })).toBe('<footer>\n    <p>Tin: An</p>\n    <ul>\n<li>x</li>\n    </ul>\n</footer>\n');
    expect(fillTemplate('<p>a {{#b}}[{{b}}]{{/b}} c</p>\n', { b: '' })).toBe('<p>a  c</p>\n');
  });

  it('names the template and the key a build does not provide', () => {
    expect(() => fillTemplate('{{missing}}', {}, 'web.html')).toThrow('web.html uses {{missing}}, which the build does not provide');
  });

  it('never reads an inserted value as template syntax', () => {
    const values = { title: 'Mustache', body: '<p>{{title}}, {{{body}}} and {{#title}}x{{/title}}</p>' };
    expect(fillTemplate('<h1>{{title}}</h1>{{{body}}}', values)).toBe('<h1>Mustache</h1><p>{{title}}, {{{body}}} and {{#title}}x{{/title}}</p>');
    expect(fillTemplate('<p title="{{body}}">', { body: '{{missing}}' })).toBe('<p title="{{missing}}">');
  });

  it('fills a section\'s content from the template, once', () => {
    expect(fillTemplate('{{#a}}<b>{{a}}</b>{{/a}}', { a: '{{a}}' })).toBe('<b>{{a}}</b>');
  });

  it('inserts a body made of a hundred thousand placeholders as it is', () => {
    const body = '{{body}}'.repeat(100_000);
    const filled = fillTemplate('<main>{{{body}}}</main>', { body });
    expect(filled).toBe(`<main>${body}</main>`);
  });

  it('escapes text for a CSS string so that it cannot end the string or the style element', () => {
    expect(escapeCssString('Báo "A" </style>')).toBe('Báo \\22 A\\22  \\3c /style\\3e ');
  });
});
