// The eleventy example's configuration: a shortcode that prerenders each article's card at build time, and the card's files copied into the site.
import { renderToString } from 'news-card/render';

export default function (eleventyConfig) {
  // {% newsCard article %}: the <news-card> element with the card prerendered, readable without scripts.
  eleventyConfig.addShortcode('newsCard', (article) => renderToString(article, { jsonLd: true }));

  // news-card.js hydrates the prerendered cards; with it, its glue and wasm, and the optional fonts.
  // (The card's stylesheet is inline: the page's CSP needs styleSrc() from news-card/render in style-src.)
  for (const path of ['news-card.js', 'pkg/news_card.js', 'pkg/news_card_bg.wasm', 'fonts']) {
    eleventyConfig.addPassthroughCopy({ [`node_modules/news-card/${path}`]: `news-card/${path}` });
  }
  return { dir: { input: 'src', output: '_site' } };
}
