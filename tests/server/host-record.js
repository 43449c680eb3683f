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
// WordPress's wp-embed, as far as the spec needs it (WordPress itself cannot run here): on a
// frame's { secret, message: 'height' }, the frame with that data-secret gets the height clamped
// to 200-1000; frames without a data-secret are left to the server's own host script.
addEventListener('message', (event) => {
  const d = event.data;
  if (!d?.secret || d.message !== 'height') return;
  const frame = document.querySelector(`iframe[data-secret="${CSS.escape(d.secret)}"]`);
  if (frame && frame.contentWindow === event.source) frame.height = String(Math.min(1000, Math.max(200, d.value)));
});
