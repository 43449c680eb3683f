// Valid use of news-card's types: must compile under --strict with no error.
import { mountCard, parseArticle, stats, type Article, type NewsCardAttributes, type NewsCardElement } from 'news-card';

const card = document.querySelector('news-card'); // typed by HTMLElementTagNameMap
if (card) {
  const open: boolean = card.open;
  card.open = !open;
  card.src = '/articles/today.json';
  card.article = { title: 'عنوان', body: ['فقرة.'], author: { name: 'يوري', bio: 'صحفي' }, dir: 'rtl' };
  const title: string | undefined = card.article?.title;
  card.article = undefined; // back to src, the inline script or the embedded article
  card.addEventListener('toggle', (event) => {
    const state: 'open' | 'closed' = event.newState;
    console.log(state, event.oldState, title);
  });
  card.addEventListener('news-card-error', (event) => {
    const { field, message, line } = event.detail;
    console.log(field, message, line === null ? 'no line' : line + 1);
  });
  card.addEventListener('click', (event) => console.log(event.clientX)); // plain HTMLElement events still typed
}

const made: NewsCardElement = document.createElement('news-card');
made.setAttribute('theme', 'dark');
document.addEventListener('news-card-error', (event) => console.log(event.detail.field));

const attributes: NewsCardAttributes = { open: true, theme: 'auto', numerals: 'arab', wpm: 200, font: 'naskh', 'heading-level': '3', share: true };
const pictured: Article = {
  title: 'عنوان', body: ['فقرة.'], url: 'https://news.example/a',
  image: { src: 'https://img.example/a.jpg', alt: '', width: 1200, height: 800, srcset: null, caption: 'الميناء', credit: 'ر. علي' },
};
console.log(attributes, pictured);

async function main(): Promise<void> {
  const article: Article = await parseArticle('عنوان\n\nفي كلمات قليلة\n\nملخص\n\nفقرة.');
  const mounted = await mountCard(made, { article, open: true, numerals: 'latn', headingLevel: 4, share: true, onToggle: (isOpen) => console.log(isOpen) });
  if (mounted.error) console.log(mounted.error.field, mounted.error.line);
  mounted.open = false;
  mounted.destroy();
  const { liveCards, wasmMemoryBytes }: { liveCards: number; wasmMemoryBytes: number } = await stats();
  console.log(liveCards, wasmMemoryBytes);
}
void main();

// Prerendering at build time (news-card/render).
import { renderMany, renderToString, RenderError, styleSrc, type RenderOptions, type RenderResult } from 'news-card/render';
const csp: string = `style-src 'self' ${styleSrc()}`;
const renderOptions: RenderOptions = { lang: 'en', open: true, numerals: 'arab', wpm: 200, headingLevel: 5, share: true, idPrefix: 'story1', jsonLd: true, url: 'https://example.com/a' };
const prerendered: string = renderToString({ title: 'عنوان', body: ['فقرة.'] }, renderOptions);
const embedded: string = renderToString();
try {
  renderToString('TITLE: x', { format: 'text' });
} catch (e) {
  if (e instanceof RenderError) console.log(e.message, e.field ?? 'no field', e.line ?? 'no line', prerendered, embedded, csp);
}

// A collection, sync or async, one result per article.
async function renderAll(): Promise<string[]> {
  async function* feed() { yield { title: 'عنوان', body: ['فقرة.'] }; yield 'TITLE: x'; }
  const pages: string[] = [];
  for await (const result of renderMany(feed(), { idPrefix: 'c' })) {
    const r: RenderResult = result;
    if (r.error) console.log(r.error.message);
    else pages.push(r.html);
  }
  for await (const { html } of renderMany([null, new Uint8Array(0)])) if (html) pages.push(html);
  return pages;
}
void renderAll();
