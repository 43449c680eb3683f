#!/usr/bin/env bash
# Builds, serves and tests news-card, installing what each step needs (idempotently).
#   ./build.sh          build, then serve www/ on http://127.0.0.1:${PORT:-8080}/
#   ./build.sh build    build only (release wasm -> wasm-bindgen --target web -> wasm-opt -Oz)
#   ./build.sh test     size budget, lint, native tests, wasm tests in Chromium, end-to-end tests
#   ./build.sh bench    build, then benchmark the card against static HTML and vanilla JS (bench/)
set -euo pipefail
cd "$(dirname "$0")"
export PATH="$HOME/.cargo/bin:$PATH"

WASM=target/wasm32-unknown-unknown/release/news_card.wasm
PKG=www/pkg

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

ensure_rust() {
  rustup target list --installed | grep -qx wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown
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

ensure_browser() {
  need_apt chromium chromium-driver fonts-dejavu-core
}

build() {
  ensure_rust
  ensure_node
  log "building release wasm"
  cargo build --release --target wasm32-unknown-unknown
  # Names and producer sections go here, not through `strip = true`, which would also drop
  # the target-features section that wasm-bindgen and wasm-opt read.
  wasm-bindgen "$WASM" --target web --out-dir "$PKG" --no-typescript \
    --remove-name-section --remove-producers-section
  node_modules/.bin/wasm-opt -Oz --converge "$PKG/news_card_bg.wasm" -o "$PKG/news_card_bg.wasm"
  # The generated glue ships too: minified it is a third of its size (its exports keep their names).
  node_modules/.bin/esbuild "$PKG/news_card.js" --minify --format=esm --log-level=warning \
    --outfile="$PKG/news_card.js" --allow-overwrite
  # The optional web font (font="naskh"): the Arabic subset of Noto Naskh Arabic from @fontsource.
  mkdir -p www/fonts
  cp node_modules/@fontsource/noto-naskh-arabic/files/noto-naskh-arabic-arabic-{400,700}-normal.woff2 www/fonts/
  log "built $PKG: $(wc -c <"$PKG/news_card_bg.wasm") bytes of wasm, $(gzip -9c "$PKG/news_card_bg.wasm" | wc -c) gzipped"
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

run_tests() {
  ensure_browser
  build
  log "size budget"
  node --test tests/size.test.mjs
  log "format and lints (native and wasm32)"
  cargo fmt --check
  cargo clippy --all-targets -- -D warnings
  cargo clippy --all-targets --target wasm32-unknown-unknown -- -D warnings
  log "native tests"
  cargo test
  log "wasm tests in headless Chromium"
  cargo test --target wasm32-unknown-unknown
  fuzz "${FUZZ_SECONDS:-30}"
  log "end-to-end tests in headless Chromium"
  node --test --test-concurrency=1 --test-timeout=120000 tests/e2e/
}

case "${1:-serve}" in
  serve)
    build
    log "serving www/ on http://127.0.0.1:${PORT:-8080}/"
    exec node tools/serve.mjs www
    ;;
  build) build ;;
  test) run_tests ;;
  bench) ensure_browser; build; log "benchmark in headless Chromium"; node bench/run.mjs ;;
  *) echo "usage: $0 [serve|build|test|bench]" >&2; exit 2 ;;
esac
