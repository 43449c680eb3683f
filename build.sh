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
#   ./build.sh render [FILE|-] [options]   print the prerendered <news-card> element (native; no browser;
#                       no FILE: the embedded article; options: ./build.sh render --help)
set -euo pipefail
CALLER=$PWD # render reads FILE from where it was called
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
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

# Debian packages, installed only when missing.
need_apt() {
  local missing=()
  for pkg in "$@"; do dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg"); done
  if [ ${#missing[@]} -gt 0 ]; then
    log "installing ${missing[*]}"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
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

ensure_rust() {
  rustup target list --installed | grep -qx wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown
  ensure_nightly
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
  command -v node >/dev/null || need_apt nodejs npm
  local stamp=node_modules/.lock-sha
  local sum; sum=$(sha256sum package-lock.json | cut -d' ' -f1)
  if [ "$(cat "$stamp" 2>/dev/null)" != "$sum" ]; then
    log "installing npm dev dependencies"
    npm ci --no-audit --no-fund --loglevel=error
    echo "$sum" >"$stamp"
  fi
}

# The three engines and their drivers: Chromium, Firefox ESR, WebKitGTK (WebKitWebDriver and
# MiniBrowser, on Xvfb; xdotool gives its window the focus). DejaVu Sans shapes Arabic in all three.
ensure_browsers() {
  need_apt chromium chromium-driver firefox-esr webkit2gtk-driver xvfb xauth xdotool fonts-dejavu-core
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

# The end-to-end suite in one engine (tests/e2e/harness.mjs starts its own Xvfb for WebKit).
e2e_in() {
  log "end-to-end tests in $1"
  E2E_ENGINES=$1 timeout 900 node --test --test-concurrency=1 --test-timeout=120000 tests/e2e/
}

# Builds the release wasm with cargo's extra arguments ($2...), then its glue, into $1.
wasm_build() {
  local out=$1
  shift
  log "building release wasm into $out ($NIGHTLY, std rebuilt for size${*:+; $*})"
  # --lib: the library alone (the root package; the command line is the workspace's cli/ crate).
  # RUSTFLAGS replaces .cargo/config.toml's flags, so its 64 KiB stack is repeated here.
  # location-detail and fmt-debug=none drop panic locations and `{:?}` text: the shipped code
  # shows neither (its messages are `Display`), and a trap says enough to the shell.
  RUSTFLAGS="-C link-arg=-zstack-size=65536 -Zunstable-options -C panic=immediate-abort -Z location-detail=none -Z fmt-debug=none" \
    cargo "+$NIGHTLY" build --release --target wasm32-unknown-unknown --lib --target-dir "$RELEASE_TARGET" \
    -Z build-std=std,panic_abort -Z build-std-features=optimize_for_size "$@"
  # Names and producer sections go here, not through `strip = true`, which would also drop
  # the target-features section that wasm-bindgen and wasm-opt read.
  # --omit-default-module-path: the shell (www/shell/engine.js) always hands init() the wasm it fetched itself.
  wasm-bindgen "$WASM" --target web --out-dir "$out" --no-typescript \
    --remove-name-section --remove-producers-section --omit-default-module-path
  # --low-memory-unused: nothing lives in the first KiB of memory (the stack comes first and grows
  # down from 64 KiB; the card's deepest call chain needs a few KiB), so wasm-opt may fold
  # constant offsets into loads and stores. --strip-target-features: that section is for the
  # tools above, and no browser reads it. Together about 300 bytes less after brotli.
  node_modules/.bin/wasm-opt -Oz --converge --low-memory-unused --strip-target-features \
    "$out/news_card_bg.wasm" -o "$out/news_card_bg.wasm"
  # The generated glue ships too: minified it is a third of its size (its exports keep their names).
  node_modules/.bin/esbuild "$out/news_card.js" --minify --format=esm --log-level=warning \
    --outfile="$out/news_card.js" --allow-overwrite
}

build() {
  ensure_rust
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

# Runs each cargo-fuzz target for $1 seconds, when a nightly toolchain is there to build them.
fuzz() {
  if ! rustup toolchain list | grep -q '^nightly'; then
    log "no nightly toolchain: fuzzing skipped"
    return
  fi
  command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked || cargo install cargo-fuzz
  for target in parse_text json_to_html; do
    log "fuzzing $target for $1 s"
    if ! (cd fuzz && cargo +nightly fuzz run "$target" -- -max_total_time="$1") >target/fuzz-$target.log 2>&1; then
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

print_times() {
  log "time per step"
  printf '%s\n' "${TIMES[@]}" >&2
}

run_tests() {
  trap print_times EXIT # also when a step fails
  timed "install browsers, drivers" ensure_browsers
  timed "build" build
  log "size budget"
  timed "size budget" node --test tests/size.test.mjs
  log "types (tsc --strict), the custom-elements manifest, renderToString against the native renderer, the docs"
  timed "types, manifest, render, docs" node --test tests/types.test.mjs tests/manifest.test.mjs tests/render.test.mjs tests/docs.test.mjs
  log "format and lints (native and wasm32)"
  timed "format, lints" eval 'cargo fmt --check &&
    cargo clippy --workspace --all-targets -- -D warnings &&
    cargo clippy --all-targets --target wasm32-unknown-unknown -- -D warnings'
  log "native tests"
  timed "native tests" cargo test --workspace
  # 15 s a target keeps CI within its time; the targets deserve longer runs by hand (docs/testing.md).
  timed "fuzz" fuzz "${FUZZ_SECONDS:-15}"
  # Chromium runs every wasm32 test binary; the other two run the browser ones (tests/web.rs).
  timed "wasm tests, chromium" wasm_tests_in chromium
  timed "wasm tests, firefox" wasm_tests_in firefox --test web
  timed "wasm tests, webkit" wasm_tests_in webkit --test web
  timed "end-to-end, chromium" e2e_in chromium
  log "Lighthouse on the prerendered demo page (mobile), and the server's compression and caching"
  timed "lighthouse" node --test tests/lighthouse.test.mjs
  timed "end-to-end, firefox" e2e_in firefox
  timed "end-to-end, webkit" e2e_in webkit
  timed "examples" examples
}

case "${1:-serve}" in
  serve)
    build
    log "serving www/ on http://127.0.0.1:${PORT:-8080}/"
    # The demo's prerendered card carries its stylesheet inline: its hash joins style-src.
    exec node tools/serve.mjs www "$(target/release/news-card csp)"
    ;;
  build) build ;;
  test) run_tests ;;
  pack) build; log "packing the npm package"; node tools/pack.mjs ;;
  examples) ensure_browsers; build; examples ;;
  dist) build; log "writing dist/ (DIST_BASE=${DIST_BASE:-} prefixes the snippet's URL)"; node tools/dist.mjs ;;
  size)
    build
    node tools/sizes.mjs
    command -v twiggy >/dev/null || cargo install twiggy --locked || cargo install twiggy
    # The reader's wasm as built last by `build` is the publisher's (built second): build the
    # reader's again (cached), keep its names through wasm-bindgen, optimise as shipped.
    # tools/sizes.mjs --named says how the copy compares with the shipped www/pkg wasm.
    wasm_named=target/size/news_card_bg.wasm
    RUSTFLAGS="-C link-arg=-zstack-size=65536 -Zunstable-options -C panic=immediate-abort -Z location-detail=none -Z fmt-debug=none" \
      cargo "+$NIGHTLY" build -q --release --target wasm32-unknown-unknown --lib --target-dir "$RELEASE_TARGET" \
      -Z build-std=std,panic_abort -Z build-std-features=optimize_for_size --no-default-features
    wasm-bindgen "$WASM" --target web --out-dir target/size --no-typescript --omit-default-module-path \
      --remove-producers-section
    node_modules/.bin/wasm-opt -Oz --converge --low-memory-unused --strip-target-features --debuginfo "$wasm_named" -o "$wasm_named"
    log "twiggy top -n 20 of the reader's wasm with its function names kept (the \"function names\" row is not shipped)"
    node tools/sizes.mjs --named "$wasm_named" www/pkg/news_card_bg.wasm || true # says so when the copy is not the shipped wasm
    twiggy top -n 20 "$wasm_named"
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
  bench) shift; need_apt chromium chromium-driver fonts-dejavu-core; build; log "benchmark in headless Chromium"; node bench/run.mjs "$@" ;;
  *) echo "usage: $0 [serve|build|test|bench|bench-render|pack|dist|size|examples|render [FILE] [options]]" >&2; exit 2 ;;
esac
