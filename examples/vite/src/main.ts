// The vite example's entry: defines <news-card>, listens to it with types, and mounts a second card with mountCard from an article in the text format.
import 'news-card';
import { mountCard, parseArticle, type NewsCardElement } from 'news-card';

const status = document.querySelector<HTMLElement>('#status')!;
const card = document.querySelector<NewsCardElement>('#element')!;
card.addEventListener('toggle', (event) => { status.textContent = `the element is ${event.newState}`; });

// mountCard puts a card into an element of your own; parseArticle reads the plain-text format.
const article = await parseArticle('Reading a card from TypeScript\n\nفي كلمات قليلة\n\nA summary.\n\nThe first paragraph.');
const mounted = await mountCard(document.querySelector('#host')!, {
  article: { ...article, lang: 'en' },
  onToggle: (open) => { status.textContent = `the mounted card is ${open ? 'open' : 'closed'}`; },
});
if (mounted.error) status.textContent = `${mounted.error.field}: ${mounted.error.message}`;
