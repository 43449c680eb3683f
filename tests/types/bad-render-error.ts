// Must not compile: a RenderError's field and line are values that may be null (an option's error has no line).
import { RenderError } from 'news-card/render';

declare const e: RenderError;
const line: number = e.line; // error TS2322
