// The host page's script for news-card iframe embeds: sizes each frame to the height its card posts (WordPress's embed messages), and follows the links clicked in it.
(() => {
  if (window.__newsCardHost) return; // one listener, however many embeds carry the script
  window.__newsCardHost = true;
  const frames = () => [...document.querySelectorAll('iframe.news-card-embed')];
  // The blockquote's link stays: hiding it once the page is painted would shift the page.
  addEventListener('message', (event) => {
    const data = event.data;
    if (!data || typeof data !== 'object' || typeof data.message !== 'string') return;
    const frame = frames().find((f) => f.contentWindow === event.source);
    if (!frame) return;
    if (data.message === 'height' && Number.isFinite(data.value)) {
      const height = String(Math.min(4000, Math.max(50, Math.ceil(data.value))));
      if (frame.getAttribute('height') !== height) frame.setAttribute('height', height);
    } else if (data.message === 'link' && typeof data.value === 'string') {
      const url = new URL(data.value, location.href);
      if (url.protocol === 'https:' || url.protocol === 'http:') window.top.location.href = url.href;
    }
  });
  const ready = (frame) => frame.contentWindow?.postMessage({ message: 'ready', secret: '' }, '*');
  for (const frame of frames()) {
    frame.addEventListener('load', () => ready(frame));
    ready(frame);
  }
})();
