// Sharing a card's story: navigator.share where the browser has it, else the link copied to the clipboard, said in the card's live region; never throws, whatever the page did to navigator.

// Taken now: a page that replaces Reflect.apply later does not reach into the call.
const { apply } = Reflect;

/** `object[name]`, or undefined when reading it throws (a hostile getter). */
function read(object, name) {
  try {
    return object?.[name];
  } catch {
    return undefined;
  }
}

/**
 * Shares the story of the card in `root` whose share control is `button`: called from the
 * reader's click, in a listener of the shell's, never inside a wasm call. `navigator.share({ title,
 * url })` where it is a function; where it is missing, throws, or rejects for any reason but the
 * reader's own cancel (an AbortError), the URL goes to `navigator.clipboard.writeText`, and the
 * card's polite live region says "link copied", or that it could not be, in the card's words
 * (the button's data-copied and data-failed). A promise that never settles leaves nothing
 * waiting but this call: the next click starts afresh. Resolves, never rejects.
 */
export async function share(root, button) {
  const link = root.querySelector('[part~="link"]');
  const status = root.querySelector('[part~="status"]');
  if (!link || !status) return;
  // Emptied first, so the same words said again are heard again.
  status.textContent = '';
  const data = { title: link.textContent, url: link.href };
  const navigator = globalThis.navigator;
  const native = read(navigator, 'share');
  if (typeof native === 'function') {
    try {
      await apply(native, navigator, [data]);
      return;
    } catch (error) {
      if (read(error, 'name') === 'AbortError') return;
    }
  }
  let said = 'data-failed';
  try {
    const clipboard = read(navigator, 'clipboard');
    const write = read(clipboard, 'writeText');
    if (typeof write === 'function') {
      await apply(write, clipboard, [data.url]);
      said = 'data-copied';
    }
  } catch {
    // Refused (no permission, no focus, a hostile override): said below.
  }
  status.textContent = button.getAttribute(said);
}
