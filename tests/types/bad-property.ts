// Must fail: open is a boolean property, not the attribute's string.
import 'news-card'; // its global types: HTMLElementTagNameMap['news-card']
const card = document.createElement('news-card');
card.open = 'true'; // error TS2322
