// The disclosure monitor the toggle specs share: after every task, whether the host's attribute and property, the details, the labels and the last `toggle` agree.

/**
 * Installs a monitor on the first <news-card>: after every task in which the host's `open`
 * attribute, its <details>' `open`, a label's `hidden` or a `toggle` event on the host changed,
 * a check runs in the next task (a message, queued behind that task) and records every
 * disagreement between the attribute, the property, the details, the label shown (by `hidden`,
 * which needs no stylesheet, and as rendered) and the last `toggle` event's newState.
 * `window.__monitor.changes` counts changes, so a spec can wait until they stop.
 */
export function monitor(page) {
  return page.evaluate(() => {
    window.__monitor?.stop();
    const el = document.querySelector('news-card');
    const root = el.shadowRoot;
    const details = root.querySelector('details');
    const observers = [];
    const m = { changes: 0, checks: 0, bad: [], toggles: [], stop: () => observers.forEach((o) => o.disconnect()) };
    window.__monitor = m;
    const snapshot = () => {
      const labels = [...root.querySelectorAll('.toggle-label')];
      return {
        attr: el.hasAttribute('open'),
        prop: el.open,
        details: details.open,
        // The label for the state is the only one without `hidden`, and the only one rendered.
        unhidden: labels.filter((l) => !l.hidden).map((l) => l.classList.contains('when-open')),
        shown: labels.filter((l) => l.checkVisibility()).map((l) => l.classList.contains('when-open')),
        last: m.toggles.at(-1)?.newState ?? null,
      };
    };
    m.snapshot = snapshot;
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      m.checks++;
      const s = snapshot();
      const open = s.attr;
      const agree = s.prop === open && s.details === open && String(s.unhidden) === String([open]) &&
        String(s.shown) === String([open]) && (s.last === null || s.last === (open ? 'open' : 'closed'));
      if (!agree) m.bad.push(s);
    };
    const changed = () => {
      m.changes++;
      channel.port2.postMessage(0);
    };
    const observe = (node, options) => {
      const o = new MutationObserver(changed);
      o.observe(node, { attributes: true, ...options });
      observers.push(o);
    };
    observe(el, { attributeFilter: ['open'] });
    observe(details, { attributeFilter: ['open'] });
    observe(details.querySelector('summary'), { attributeFilter: ['hidden'], subtree: true });
    el.addEventListener('toggle', (e) => {
      m.toggles.push({ oldState: e.oldState, newState: e.newState });
      changed();
    });
  });
}

/**
 * Waits until the monitor's checks have caught up with its changes and no change came for two
 * animation frames (each frame runs after the tasks queued before it, the details' own
 * `toggle` tasks included), then returns what it saw.
 */
export async function settled(page) {
  await page.waitFor(() => new Promise((done) => {
    const m = window.__monitor;
    const before = m.changes;
    requestAnimationFrame(() => requestAnimationFrame(() => done(m.changes === before && m.checks >= m.changes)));
  }));
  return page.evaluate(() => ({ bad: window.__monitor.bad, toggles: window.__monitor.toggles, now: window.__monitor.snapshot() }));
}

