// The eleventy example's configuration: every article's card prerendered at build time in one pass (renderMany), and the card's files copied into the site.
import { readdir, readFile } from 'node:fs/promises';
import { renderMany } from 'news-card/render';

const ARTICLES = new URL('./src/_data/articles/', import.meta.url);

export default function (eleventyConfig) {
  // `cards[slug]`: the <news-card> element of src/_data/articles/SLUG.json with its card
  // prerendered, readable without scripts. The whole collection goes through one wasm instance;
  // a bad article fails the build and names its file.
  eleventyConfig.addGlobalData('cards', async () => {
    const slugs = (await readdir(ARTICLES)).filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -5)).sort();
    async function* articles() {
      for (const slug of slugs) yield JSON.parse(await readFile(new URL(`${slug}.json`, ARTICLES), 'utf8'));
    }
    const cards = {};
    let i = 0;
    for await (const { html, error } of renderMany(articles(), { jsonLd: true })) {
      const slug = slugs[i++];
      if (error) throw new Error(`src/_data/articles/${slug}.json: ${error.message}`);
      cards[slug] = html;
    }
    return cards;
  });

  // news-card.js hydrates the prerendered cards; with it, its glue and wasm, and the optional fonts.
  // (The card's stylesheet is inline: the page's CSP needs styleSrc() from news-card/render in style-src.)
  for (const path of ['news-card.js', 'pkg/news_card.js', 'pkg/news_card_bg.wasm', 'fonts']) {
    eleventyConfig.addPassthroughCopy({ [`node_modules/news-card/${path}`]: `news-card/${path}` });
  }
  return { dir: { input: 'src', output: '_site' } };
}
