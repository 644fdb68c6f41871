# shellcheck shell=bash
# Shared by scripts/serve, scripts/test and scripts/build: installs only what is
# missing, so a second run costs a few version checks. Source it, then call
# `ensure_tools [browser]`.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TRUNK_VERSION="0.21.14"           # trunk 0.22 needs rustc 1.96; this builds on 1.95
CARGO_HOME="${CARGO_HOME:-$HOME/.cargo}"
export PATH="$ROOT/node_modules/.bin:$CARGO_HOME/bin:$PATH"

log() { printf '\033[1;34m==>\033[0m %s\n' "$*" >&2; }

# The wasm-bindgen crate version, read from Cargo.lock (pinned with `=` in Cargo.toml).
wasm_bindgen_version() {
  awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' "$ROOT/Cargo.lock"
}

ensure_rust() {
  if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    log "adding the wasm32-unknown-unknown target"
    rustup target add wasm32-unknown-unknown
  fi
}

ensure_trunk() {
  if ! trunk --version 2>/dev/null | grep -q "$TRUNK_VERSION"; then
    log "installing trunk $TRUNK_VERSION (about 15 minutes on 2 cores, once)"
    cargo install trunk --version "$TRUNK_VERSION" --locked
  fi
}

ensure_wasm_bindgen() {
  local want
  want="$(wasm_bindgen_version)"
  if ! wasm-bindgen --version 2>/dev/null | grep -q " $want\$" \
     || ! command -v wasm-bindgen-test-runner >/dev/null; then
    log "installing wasm-bindgen-cli $want (matches Cargo.lock)"
    # `--locked` fails here: one locked dependency version is not on the registry.
    cargo install wasm-bindgen-cli --version "$want" --force
  fi
}

ensure_node_modules() {
  # binaryen (wasm-opt) and playwright-core, exactly as package-lock.json says.
  local stamp="$ROOT/node_modules/.package-lock.json"
  if [ ! -f "$stamp" ] || [ "$ROOT/package-lock.json" -nt "$stamp" ] \
     || [ ! -x "$ROOT/node_modules/.bin/wasm-opt" ]; then
    log "installing node packages from package-lock.json"
    (cd "$ROOT" && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error)
  fi
}

ensure_chromium() {
  # A CJK font too, so 中文 screenshots show characters, not boxes.
  if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null \
     || [ ! -d /usr/share/fonts/truetype/wqy ]; then
    log "installing Debian chromium, chromium-driver and a CJK font"
    local sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium chromium-driver fonts-wqy-microhei >/dev/null
  fi
}

ensure_postgres() {
  # PostgreSQL's server for the docs/sql check (tests/sql/run_postgres.sh
  # starts a throwaway cluster on a loopback port and stops it).
  if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
    log "installing Debian postgresql (server, for the SQL check)"
    local sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq postgresql >/dev/null
  fi
}

ensure_python_tools() {
  # DuckDB and pyspark for the SQL check (tests only), pinned in
  # tests/sql/requirements.txt; pyspark needs a Java runtime (17+).
  if ! command -v java >/dev/null; then
    log "installing Debian openjdk-17-jre-headless (for Spark SQL in the SQL check)"
    local sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq openjdk-17-jre-headless >/dev/null
  fi
  if ! "$ROOT/.venv/bin/python" -c "import duckdb, pyspark" 2>/dev/null \
     || [ "$ROOT/tests/sql/requirements.txt" -nt "$ROOT/.venv/pyvenv.cfg" ]; then
    log "installing test Python packages into .venv"
    python3 -m venv "$ROOT/.venv"
    "$ROOT/.venv/bin/pip" install -q -r "$ROOT/tests/sql/requirements.txt"
    touch "$ROOT/.venv/pyvenv.cfg"
  fi
}

ensure_crates() {
  # Trunk runs cargo with --offline: fetch every locked crate first.
  (cd "$ROOT" && cargo fetch --locked -q)
}

ensure_tools() {
  ensure_rust
  ensure_node_modules
  ensure_crates
  ensure_wasm_bindgen
  ensure_trunk
  if [ "${1:-}" = browser ]; then ensure_chromium; ensure_postgres; ensure_python_tools; fi
}
