// The eleventy example's configuration: a shortcode that prerenders each article's card at build time, and the card's files copied into the site.
import { renderToString } from 'news-card/render';

export default function (eleventyConfig) {
  // {% newsCard article %}: the whole <news-card> element, the card in its declarative shadow root,
  // readable with no script; news-card.js hydrates it in place. Its inline stylesheet needs
  // styleSrc() (from news-card/render) in the page's CSP style-src.
  eleventyConfig.addShortcode('newsCard', (article) => renderToString(article, { jsonLd: true }));

  // The element's module, its glue and wasm, and the optional fonts, as the package ships them.
  for (const path of ['news-card.js', 'pkg/news_card.js', 'pkg/news_card_bg.wasm', 'fonts']) {
    eleventyConfig.addPassthroughCopy({ [`node_modules/news-card/${path}`]: `news-card/${path}` });
  }
  return { dir: { input: 'src', output: '_site' } };
}
