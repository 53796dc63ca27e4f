import { escapeHtml } from '../templates.ts';

/** The path the preview's page listens on for rebuilds. */
export const EVENTS_PATH = '/__folio/events';

/** The path of the paged preview of a publication's print edition. */
export const PAGED_PATH = '/__folio/paged/';

/**
 * Adds to a page of the preview what reloads it after each rebuild, the last build's errors (each
 * `file:line:column: message`) over the page, and links between the web and the paged view. `build`
 * counts the builds the page was served after: the events say the latest count, on connecting too, so a
 * rebuild that ends while the page loads (before it listens) still reloads it.
 */
export function injectLiveReload(html: string, errors: string | undefined, slug: string | undefined, build: number): string {
  const overlay = errors
    ? `<pre id="folio-errors" style="position:fixed;inset:auto 0 0 0;max-height:60vh;overflow:auto;margin:0;padding:1em;background:#fff0f0;color:#8a1010;border-top:3px solid #c00;font:13px/1.5 monospace;white-space:pre-wrap;z-index:99">${escapeHtml(errors)}</pre>`
    : '';
  const bar = slug
    ? `<nav style="position:fixed;top:0;right:0;padding:4px 8px;background:#222;color:#fff;font:12px sans-serif;z-index:98"><a style="color:#fff" href="/${slug}.html">web</a> · <a style="color:#fff" href="${PAGED_PATH}${slug}">print</a></nav>`
    : '';
  const script = `<script>new EventSource('${EVENTS_PATH}').addEventListener('rebuilt', (event) => event.data === '${build}' || location.reload());</script>`;
  const addition = `${bar}${overlay}${script}`;
  return html.includes('</body>') ? html.replace('</body>', `${addition}</body>`) : `${html}${addition}`;
}

/** The paged preview: the print edition's pages, as a PDF viewer shows them. */
export function pagedPreview(slug: string, pdf: string): string {
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><title>${escapeHtml(slug)}</title></head>
<body style="margin:0;height:100vh;display:flex;flex-direction:column">
<iframe title="${escapeHtml(pdf)}" src="/${encodeURI(pdf)}#view=FitH" style="flex:1;border:0"></iframe>
</body></html>`;
}
