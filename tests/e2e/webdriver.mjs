// A small W3C WebDriver (classic) client and the WebKit launcher: Xvfb, WebKitWebDriver, MiniBrowser.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { mkdtemp, mkdir, writeFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// Every command has a deadline: a WebKit session without a display hangs instead of failing.
const COMMAND_TIMEOUT = 30_000;

/** The W3C element reference key. */
export const ELEMENT = 'element-6066-11e4-a52e-4f735466cecf';

/** WebDriver key codes for the keys the specs press. */
export const KEYS = { Tab: '\uE004', Enter: '\uE007', Space: ' ', Escape: '\uE00C' };

/** One WebDriver session: thin wrappers over the endpoints the helper needs. */
export class Session {
  constructor(base, id) {
    this.base = base;
    this.id = id;
  }

  static async create(base, capabilities) {
    const value = await command(base, 'POST', '/session', { capabilities: { alwaysMatch: capabilities } });
    const session = new Session(base, value.sessionId);
    await session.send('POST', '/timeouts', { script: COMMAND_TIMEOUT, pageLoad: COMMAND_TIMEOUT, implicit: 0 });
    return session;
  }

  send(method, path, body) {
    return command(this.base, method, `/session/${this.id}${path}`, body);
  }

  navigate(url) { return this.send('POST', '/url', { url }); }

  /** Runs `body` (a function body using `arguments`) in the page; a returned promise is awaited. */
  execute(body, args = []) { return this.send('POST', '/execute/sync', { script: body, args }); }

  click(element) { return this.send('POST', `/element/${element[ELEMENT]}/click`, {}); }

  /** Presses and releases one key through the input pipeline (a trusted key event). */
  async press(key) {
    const value = KEYS[key] ?? key;
    await this.send('POST', '/actions', {
      actions: [{ type: 'key', id: 'keyboard', actions: [{ type: 'keyDown', value }, { type: 'keyUp', value }] }],
    });
    await this.send('DELETE', '/actions');
  }

  setWindowRect(rect) { return this.send('POST', '/window/rect', rect); }

  /** The viewport as a PNG buffer. */
  async screenshot() { return Buffer.from(await this.send('GET', '/screenshot'), 'base64'); }

  delete() { return command(this.base, 'DELETE', `/session/${this.id}`); }
}

async function command(base, method, path, body) {
  const response = await fetch(base + path, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json; charset=utf-8' },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(COMMAND_TIMEOUT),
  });
  const json = await response.json();
  if (!response.ok || json.value?.error) {
    const { error = response.status, message = '' } = json.value ?? {};
    throw new Error(`WebDriver ${method} ${path}: ${error}: ${message}`);
  }
  return json.value;
}

/** A free TCP port on the loopback interface. */
function freePort() {
  return new Promise((ok, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => ok(port));
    });
  });
}

/** Resolves when `check()` resolves truthy; rejects after `timeout` ms. */
async function until(what, check, timeout = 10_000) {
  const end = Date.now() + timeout;
  for (;;) {
    try { if (await check()) return; } catch { /* not ready yet */ }
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Where Debian's webkit2gtk-driver puts MiniBrowser, the browser WebKitWebDriver automates. */
export function miniBrowser() {
  const lib = '/usr/lib';
  for (const dir of readdirSync(lib)) {
    const path = join(lib, dir, 'webkit2gtk-4.1', 'MiniBrowser');
    if (existsSync(path)) return path;
  }
  throw new Error('MiniBrowser not found: install webkit2gtk-driver (./build.sh test does)');
}

/**
 * A child process killed by PID when `stop()` is called (or when this process exits).
 * Its stderr is kept for error messages.
 */
function child(cmd, args, options) {
  const proc = spawn(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'], ...options });
  proc.log = '';
  proc.stderr?.on('data', (d) => { proc.log = (proc.log + d).slice(-4000); });
  const kill = () => { if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGTERM'); };
  process.once('exit', kill);
  proc.stop = async () => {
    process.off('exit', kill);
    if (proc.exitCode !== null || proc.signalCode !== null) return;
    const gone = new Promise((r) => proc.once('exit', r));
    proc.kill('SIGTERM');
    await Promise.race([gone, new Promise((r) => setTimeout(r, 2000))]);
    if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGKILL');
  };
  return proc;
}

/** A private X display (Xvfb), 24-bit so screenshots keep their colours. */
export async function startXvfb() {
  const proc = child('Xvfb', ['-displayfd', '3', '-screen', '0', '1600x2400x24', '-nolisten', 'tcp'], {
    stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
  });
  const display = await new Promise((ok, fail) => {
    let out = '';
    const timer = setTimeout(() => fail(new Error(`Xvfb did not start: ${proc.log}`)), 10_000);
    proc.once('error', (e) => { clearTimeout(timer); fail(new Error(`Xvfb: ${e.message} (install xvfb)`)); });
    proc.stdio[3].on('data', (d) => {
      out += d;
      if (out.includes('\n')) { clearTimeout(timer); ok(`:${out.trim()}`); }
    });
  });
  return { display, stop: proc.stop };
}

/**
 * Gives MiniBrowser's window the X input focus. Xvfb has no window manager to do it, and an
 * unfocused WebKit page has no focused element for :focus and :focus-visible to match.
 */
async function focusWindow(display) {
  const xdotool = (args) => new Promise((ok, fail) => {
    const proc = spawn('xdotool', args, { env: { ...process.env, DISPLAY: display }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    proc.stdout.on('data', (d) => { out += d; });
    proc.stderr.on('data', (d) => { out += d; });
    proc.once('error', (e) => fail(new Error(`xdotool: ${e.message} (install xdotool)`)));
    proc.once('exit', (code) => (code === 0 ? ok(out) : fail(new Error(`xdotool ${args.join(' ')}: ${out}`))));
  });
  const windows = (await xdotool(['search', '--sync', '--onlyvisible', '--class', 'MiniBrowser'])).trim().split('\n');
  await xdotool(['windowfocus', '--sync', windows.at(-1)]);
}

/**
 * WebKitWebDriver driving MiniBrowser on a display of its own (so that its window keeps the
 * focus). `reducedMotion: true` starts it with GTK's animations turned off, which WebKitGTK
 * reports as `prefers-reduced-motion: reduce`. `session.stop()` ends all of it.
 */
export async function startWebKit({ reducedMotion = false, javaScript = true } = {}) {
  const xvfb = await startXvfb();
  const { display } = xvfb;
  const port = await freePort();
  const home = await mkdtemp(join(tmpdir(), 'news-card-webkit-'));
  await mkdir(join(home, 'gtk-3.0'));
  await writeFile(join(home, 'gtk-3.0', 'settings.ini'),
    `[Settings]\ngtk-enable-animations=${reducedMotion ? 0 : 1}\n`);
  const driver = child('/usr/bin/WebKitWebDriver', [`--port=${port}`], {
    // Skia's GPU path (on Mesa's software GL here) anti-aliases differently from one load to
    // the next; CPU rendering makes screenshots of the same page reproducible pixel for pixel.
    env: { ...process.env, DISPLAY: display, XDG_CONFIG_HOME: home, GDK_BACKEND: 'x11', WEBKIT_SKIA_ENABLE_CPU_RENDERING: '1' },
  });
  const base = `http://127.0.0.1:${port}`;
  try {
    await until('WebKitWebDriver', async () => (await command(base, 'GET', '/status')).ready !== undefined);
    const session = await Session.create(base, {
      // MiniBrowser takes each WebKitSettings property as an option: --enable-javascript=false
      // turns off the page's scripts (WebDriver's own still run).
      'webkitgtk:browserOptions': { binary: miniBrowser(), args: ['--automation', ...(javaScript ? [] : ['--enable-javascript=false'])] },
    });
    await focusWindow(display);
    session.stop = async () => {
      try { await session.delete(); } catch { /* the driver goes next anyway */ }
      await driver.stop();
      await xvfb.stop();
      await rm(home, { recursive: true, force: true });
    };
    return session;
  } catch (error) {
    await driver.stop();
    await xvfb.stop();
    await rm(home, { recursive: true, force: true });
    throw new Error(`${error.message}\n${driver.log}`);
  }
}
