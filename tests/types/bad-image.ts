// Must fail: an image without its required intrinsic size.
import type { Article } from 'news-card';

const article: Article = { title: 'T', body: ['B'], image: { src: 'https://img.example/a.jpg', alt: '' } }; // error TS2739
console.log(article);
