// Must fail: a misspelt event name gets a plain Event, which has no detail.
import 'news-card'; // its global types: HTMLElementTagNameMap['news-card']
const card = document.querySelector('news-card')!;
card.addEventListener('news-card-eror', (event) => console.log(event.detail)); // error TS2339
