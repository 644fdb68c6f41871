#!/usr/bin/env bash
# A copy of dist/ whose import worker keeps its function names, for
# tests/bench/import-profile.mjs (the release build strips them, and
# wasm-opt would inline the small functions away): the worker profile with
# line tables, through wasm-bindgen, without wasm-opt — so a little slower
# than the release worker; compare profiles with profiles.
#   ./scripts/build && bash tests/bench/probe-build.sh /tmp/dist-probe
#   DIST=/tmp/dist-probe node tests/bench/import-profile.mjs 1m-email.csv
set -euo pipefail
out="${1:?usage: probe-build.sh OUT_DIR}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
target="${PROBE_TARGET:-/tmp/repurchase-probe-target}"
cd "$root"
CARGO_PROFILE_WORKER_STRIP=none CARGO_PROFILE_WORKER_DEBUG=line-tables-only \
  cargo build -q --profile worker --target wasm32-unknown-unknown --bin import-worker --target-dir "$target"
tmp="$(mktemp -d)"
wasm-bindgen --target no-modules --out-dir "$tmp" --out-name import-worker \
  "$target/wasm32-unknown-unknown/worker/import-worker.wasm"
rm -rf "$out" && cp -r dist "$out"
cp "$tmp/import-worker_bg.wasm" "$tmp/import-worker.js" "$out/"
rm -rf "$tmp"
echo "probe build in $out (import worker with names)"
