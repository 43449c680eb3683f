// Reading time of articles written without spaces (zh, ja, th) in a card whose own words are another language, in every engine.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ENGINES, start } from './harness.mjs';

// Real sentences, repeated to about 3,000 characters: a whitespace count sees a handful of words.
const SENTENCES = {
  zh: '北京时间今天上午，国家统计局发布了最新的经济数据，显示今年前三个季度工业生产继续保持稳定增长，消费市场逐步回暖。',
  ja: '東京都は今日、来年から始める新しい交通計画を発表しました。市民の意見を聞きながら、駅の周りの道路を少しずつ広げていきます。',
  th: 'กรุงเทพมหานครประกาศแผนการจราจรใหม่ในวันนี้โดยจะเริ่มใช้ในปีหน้าและจะรับฟังความคิดเห็นของประชาชนก่อนตัดสินใจ',
};
const TITLES = { zh: '统计局发布经济数据', ja: '東京都が交通計画を発表', th: 'แผนการจราจรใหม่' };

function article(lang, chars = 3000) {
  const sentence = SENTENCES[lang];
  const body = [];
  let total = 0;
  // Paragraphs of five sentences, until the article holds `chars` characters.
  while (total < chars) {
    const paragraph = sentence.repeat(5);
    body.push(paragraph);
    total += [...paragraph].length;
  }
  return { title: TITLES[lang], summary: sentence, body, lang };
}

/** Sets `attrs`, then the article, on the card; resolves to the reading time it then writes. */
function readingTime(page, { attrs, article }) {
  return page.evaluate(async ({ attrs, article }) => {
    const el = document.getElementById('card');
    // An attribute that changes nothing rendered (numerals="latn" over the default) renders
    // nothing, and WebKit may render after each attribute (it runs microtasks when a custom
    // element's callback returns): set everything, then wait for the card of this article.
    for (const [name, value] of Object.entries(attrs)) el.setAttribute(name, value);
    el.article = article;
    // A task later every microtask has run, so the card shows all of the changes above.
    await new Promise((ok) => setTimeout(ok, 0));
    const shows = () => el.shadowRoot.querySelector('h2')?.textContent === article.title
      && el.shadowRoot.querySelector('.card')?.getAttribute('lang') === article.lang;
    while (!shows()) await new Promise((ok) => setTimeout(ok, 10));
    return el.shadowRoot.querySelector('[part=reading-time]').textContent;
  }, { attrs, article });
}

/**
 * Minutes at 180 words a minute as this engine's own Intl.Segmenter for the article's language
 * counts the words of headline, summary and body: word-like segments, and segments holding a
 * letter or digit (as src/intl.rs counts, since engines disagree on numbers).
 */
function expectedMinutes(page, article) {
  return page.evaluate((a) => {
    const segmenter = new Intl.Segmenter(a.lang, { granularity: 'word' });
    const words = (text) => [...segmenter.segment(text)].filter((s) => s.isWordLike || /[\p{L}\p{N}]/u.test(s.segment)).length;
    const total = [a.title, a.summary, ...a.body].reduce((sum, text) => sum + words(text), 0);
    return { words: total, minutes: Math.max(1, Math.ceil(total / 180)) };
  }, article);
}

// Short sentences whose words are counted here by hand, not by any segmenter: 我们 / 今天 / 去 /
// 北京; 今日 / は / 良い / 天気 / です; แมว / กิน / ปลา. (Measured: all three engines split these
// so; Firefox splits some longer Thai words otherwise, e.g. มาก as มา|ก, so none is used.)
// Each language has two articles, 181 words (2 minutes at 180 a minute) and 180 words (1
// minute): one word more or less than written down changes one of the two readings.
const COUNTED = {
  zh: { titles: ['北京', '今天'], sentence: '我们今天去北京。', words: 4, tail: ['今天去北京。', 3] },
  ja: { titles: ['天気', '今日'], sentence: '今日は良い天気です。', words: 5, tail: ['今日は良い天気。', 4] },
  th: { titles: ['แมว', 'ปลา'], sentence: 'แมวกินปลา ', words: 3, tail: ['อากาศดี ', 2] },
};

/** The article of `lang` with `total` words (title, body), from the hand-counted sentences. */
function counted(lang, total) {
  const { titles, sentence, words, tail: [tail, tailWords] } = COUNTED[lang];
  // A one-word title, another for each total, so that readingTime() sees the new card.
  const title = titles[total % 2];
  const rest = total - 1;
  const whole = rest % words === 0 ? rest / words : (rest - tailWords) / words;
  assert.ok(Number.isInteger(whole), `${lang}: ${total} words cannot be built`);
  return { title, body: [sentence.repeat(whole) + (rest % words === 0 ? '' : tail)], lang };
}

for (const engine of ENGINES) {
  describe(`reading time by the article's language in ${engine}`, () => {
    let env;
    let page;
    before(async () => {
      env = await start(engine);
      page = await env.open('fixtures/lang.html');
    });
    after(async () => {
      await page?.close();
      await env?.stop();
    });

    for (const lang of ['zh', 'ja', 'th']) {
      it(`counts a ${lang} article's words with a ${lang} segmenter in an English card`, async () => {
        const a = article(lang);
        const want = await expectedMinutes(page, a);
        console.log(`# ${engine} ${lang}: ${[...[a.title, a.summary, ...a.body].join('')].length} characters, ${want.words} words by Intl.Segmenter('${lang}')`);
        assert.ok(want.minutes > 1, `the engine's segmenter finds ${want.words} words: too few for the test to mean anything`);
        assert.equal(await readingTime(page, { attrs: { lang: 'en', numerals: 'latn' }, article: a }), `${want.minutes} min read`);
      });
    }

    for (const lang of ['zh', 'ja', 'th']) {
      it(`reads 181 and 180 hand-counted ${lang} words as 2 and 1 minutes in an English card`, async () => {
        assert.equal(await readingTime(page, { attrs: { lang: 'en', numerals: 'latn' }, article: counted(lang, 181) }), '2 min read');
        assert.equal(await readingTime(page, { attrs: { lang: 'en', numerals: 'latn' }, article: counted(lang, 180) }), '1 min read');
      });
    }

    it('keeps plurals and digits in the card\'s language (Arabic) while counting Japanese words', async () => {
      const a = article('ja');
      const { minutes } = await expectedMinutes(page, a);
      const text = await readingTime(page, { attrs: { lang: 'ar', numerals: 'arab' }, article: a });
      const digits = String(minutes).replace(/\d/g, (d) => String.fromCharCode(0x660 + Number(d)));
      assert.ok(text.startsWith('مدة القراءة: ') && text.includes(digits), `${text} should say ${minutes} minutes in Arabic`);
    });

    it('does not hand one article\'s segmenter to another with the same card language', async () => {
      // Same UI language and digits, different article languages, one after the other on one page:
      // the Arabic article is counted by spaces, the Chinese one by the Chinese segmenter.
      const arabic = { title: 'خبر', body: [Array(400).fill('كلمة').join(' ')], lang: 'ar' };
      assert.equal(await readingTime(page, { attrs: { lang: 'en', numerals: 'latn' }, article: arabic }), '3 min read');
      const zh = article('zh');
      const { minutes } = await expectedMinutes(page, zh);
      assert.equal(await readingTime(page, { attrs: {}, article: zh }), `${minutes} min read`);
      assert.equal(await readingTime(page, { attrs: {}, article: arabic }), '3 min read');
      assert.deepEqual(await page.problems(), []);
    });
  });
}
