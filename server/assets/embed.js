// The embed page's script: posts the card's height to the framing page in WordPress's embed protocol ({ secret, message: 'height', value }), and hands link clicks to a host that listens.
const secret = /[#&?]secret=([A-Za-z0-9]+)/.exec(location.hash)?.[1] ?? '';
const send = (message, value) => window.parent.postMessage({ secret, message, value }, '*');
let sent = -1;
let hosted = false; // a host said 'ready' (WordPress's wp-embed and news-card-host both do)

// Always a number (Ghost refused Bluesky's `height: null`): the document's height, rounded up.
function measure() {
  const height = Math.ceil(document.documentElement.getBoundingClientRect().height) || 0;
  if (height !== sent) {
    sent = height;
    send('height', height);
  }
}

if (window.parent !== window) {
  new ResizeObserver(measure).observe(document.documentElement);
  addEventListener('load', measure);
  addEventListener('message', (event) => {
    if (event.source !== window.parent || event.data?.message !== 'ready') return;
    hosted = true;
    sent = -1; // a host that starts listening late still gets the height
    measure();
  });
  // A sandboxed frame cannot navigate its top window: a listening host follows the link instead.
  addEventListener('click', (event) => {
    if (!hosted || event.defaultPrevented || event.button !== 0) return;
    const link = event.composedPath().find((node) => node instanceof HTMLAnchorElement && node.href);
    if (!link || !/^https?:$/.test(link.protocol)) return;
    event.preventDefault();
    send('link', link.href);
  });
}
