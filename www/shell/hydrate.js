// Hydration: finding the card a server prerendered into a shadow root, which the wasm then takes over instead of building a new one.

/** The card a server prerendered into `root` (a declarative shadow root), or null. */
export function prerenderedCard(root) {
  return [...root.children].find((e) => e.matches('article.card')) ?? null;
}

/**
 * The digest to hydrate `host`'s prerendered card against: its `data-digest` (renderToString's,
 * of the article and options the markup shows; '' if missing, which matches nothing), or
 * undefined when the card must be rendered afresh: `data-intl` says the markup holds what only
 * the browser's Intl writes (dates, numerals="auto"), which a server cannot match.
 */
export function hydrationDigest(host) {
  return host.hasAttribute('data-intl') ? undefined : host.getAttribute('data-digest') ?? '';
}
