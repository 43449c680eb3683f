// Must not compile: renderToString's numerals take latn, arab or auto only.
import { renderToString } from 'news-card/render';

renderToString(undefined, { numerals: 'roman' }); // error TS2322
