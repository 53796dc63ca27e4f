/**
 * In-page code (kept as text: it runs in Chromium, not in Node) that turns the loaded document into the
 * one given as HTML, keeping the leading stylesheets both share: the fonts they declare stay loaded, so
 * that the next article is printed without a navigation. Returns nothing; loading is awaited by polling.
 */
export const REPLACE_DOCUMENT = `(html) => {
  const next = new DOMParser().parseFromString(html, 'text/html');
  const root = document.documentElement;
  for (const name of root.getAttributeNames()) root.removeAttribute(name);
  for (const name of next.documentElement.getAttributeNames()) root.setAttribute(name, next.documentElement.getAttribute(name));
  const significant = (parent) => [...parent.children].filter((node) => node.localName !== 'title');
  const old = significant(document.head);
  const fresh = significant(next.head);
  let kept = 0;
  while (kept < old.length && kept < fresh.length && old[kept].isEqualNode(fresh[kept])) kept++;
  for (const node of old.slice(kept)) node.remove();
  for (const node of fresh.slice(kept)) document.head.append(document.importNode(node, true));
  document.title = next.title;
  document.body.replaceWith(document.importNode(next.body, true));
}`;

/** In-page test: true once every stylesheet and image of the document has loaded (or failed). */
export const DOCUMENT_SETTLED = `(() => {
  const sheets = [...document.querySelectorAll('link[rel="stylesheet"]')].every((link) => link.sheet !== null);
  const images = [...document.images].every((image) => image.complete);
  void document.body.offsetHeight;
  return sheets && images;
})()`;
