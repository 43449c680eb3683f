// A host page's recorder for the embed server's browser spec: every message a frame posts, and the layout shifts of the page (where the engine reports them).
window.__messages = [];
addEventListener('message', (event) => {
  const frame = [...document.querySelectorAll('iframe')].find((f) => f.contentWindow === event.source);
  if (frame) window.__messages.push({ frame: frame.id, data: event.data });
});
window.__shifts = [];
if (PerformanceObserver.supportedEntryTypes?.includes('layout-shift')) {
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (!e.hadRecentInput) window.__shifts.push(e.value);
  }).observe({ type: 'layout-shift', buffered: true });
}
// WordPress's wp-embed.js, as far as the spec needs it (the real one needs a WordPress page):
// a message from a frame with its data-secret shows the frame (drops the clip style) and hides
// the blockquote; 'height' sets the frame's height clamped to 200-1000. Frames without a
// data-secret are left to the server's own host script.
addEventListener('message', (event) => {
  const d = event.data;
  if (!d?.secret) return;
  const frame = document.querySelector(`iframe[data-secret="${CSS.escape(d.secret)}"]`);
  if (!frame || frame.contentWindow !== event.source) return;
  frame.removeAttribute('style');
  const quote = document.querySelector(`blockquote[data-secret="${CSS.escape(d.secret)}"]`);
  if (quote) quote.style.display = 'none';
  if (d.message === 'height') frame.height = String(Math.min(1000, Math.max(200, d.value)));
});
