// oEmbed consumers no one here wrote, pointed at the embed server: from an article's URL, through discovery, to the card's html.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { unfurl } from 'unfurl.js';
import { startServer } from './server/start.mjs';

for (const form of ['iframe', 'script']) {
  describe(`unfurl.js discovers the provider (${form} embeds)`, () => {
    let server;
    before(async () => { server = await startServer({ args: ['--embed', form] }); });
    after(() => server?.stop());

    it('reads the discovery link, fetches the oEmbed answer and gets the card\'s html', async () => {
      const url = `${server.base}/a/market`;
      const result = await unfurl(url, { oembed: true, timeout: 10_000 });
      const o = result.oEmbed;
      assert.ok(o, `no oEmbed in ${JSON.stringify(result)}`);
      assert.equal(o.type, 'rich');
      assert.equal(o.version, '1.0');
      assert.equal(o.title, 'The old market reopens after the flood');
      assert.equal(o.author_name, 'Ada Lovelace');
      assert.equal(o.provider_name, 'news-card');
      assert.equal(o.width, 550);
      assert.ok(o.height > 100, `height ${o.height}`);
      if (form === 'iframe') {
        assert.match(o.html, new RegExp(`^<blockquote class="news-card-embed"><a href="${url}">`));
        assert.match(o.html, new RegExp(`<iframe class="news-card-embed" src="${server.base}/embed/market" width="550" height="${o.height}"`));
      } else {
        assert.match(o.html, /<script type="module" src="http:\/\/127\.0\.0\.1:\d+\/static\/news-card\.0123456789ab\.js" integrity="sha384-FAKE" crossorigin="anonymous"><\/script>/);
        assert.ok(o.html.endsWith(`<news-card src="${url}.json"></news-card>`), o.html);
      }
      // The page's own metadata, read by the same library: Open Graph from the server's head.
      assert.equal(result.open_graph?.title, 'The old market reopens after the flood');
    });
  });
}

describe('an oEmbed request for a URL elsewhere', () => {
  let server, trap, connections = 0;
  before(async () => {
    server = await startServer();
    trap = net.createServer((socket) => { connections++; socket.destroy(); });
    await new Promise((ok) => trap.listen(0, '127.0.0.1', ok));
  });
  after(async () => { await server?.stop(); trap?.close(); });

  it('is 404, and the server makes no connection to it', async () => {
    const elsewhere = `http://127.0.0.1:${trap.address().port}/a/market`;
    const res = await fetch(`${server.base}/oembed?url=${encodeURIComponent(elsewhere)}&format=json`);
    assert.equal(res.status, 404);
    await new Promise((ok) => setTimeout(ok, 200));
    assert.equal(connections, 0);
  });
});
