// Must fail: body is an array of paragraphs, not one string.
import 'news-card'; // its global types: HTMLElementTagNameMap['news-card']
const card = document.createElement('news-card');
card.article = { title: 'عنوان', body: 'فقرة واحدة' }; // error TS2322
