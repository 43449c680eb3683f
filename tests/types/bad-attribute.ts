// Must fail: a theme the element does not have.
import type { NewsCardAttributes } from 'news-card';

const attributes: NewsCardAttributes = { theme: 'dim' }; // error TS2322
console.log(attributes);
