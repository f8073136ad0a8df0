#!/usr/bin/env bash
# Where netra's build time goes, on the 10 000-release corpus.
#
#   bench/profile.sh          # after bench/run.sh (reuses its corpus)
#
# Uses perf (Debian: apt-get install -y linux-perf) with the cpu-clock
# software event, which works in VMs without hardware counters, and DWARF
# call graphs so that time inside Tera, pulldown-cmark, ammonia or serde is
# charged to the netra function that called it. Without a working perf it
# falls back to valgrind's callgrind on the 1 000-release corpus.
# Writes bench/out/profile/{perf.data,self.txt,inclusive.txt}.
#
# Environment: NETRA_ROOT, NETRA (as in run.sh), N (10000), FREQ (1999 Hz),
# SITE_DIR (/dev/shm/netra-bench when /dev/shm exists).
set -euo pipefail

BENCH=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(dirname "$BENCH")
OUT=$BENCH/out
P=$OUT/profile
NETRA_ROOT=${NETRA_ROOT:-$ROOT}
N=${N:-10000}
FREQ=${FREQ:-1999}
if [[ -d /dev/shm ]]; then SITE_DIR=${SITE_DIR:-/dev/shm/netra-bench}; else SITE_DIR=${SITE_DIR:-$OUT/sites}; fi
mkdir -p "$P" "$SITE_DIR"

if [[ -z ${NETRA:-} ]]; then
  # The profile releases use (fat LTO), as bench/run.sh measures.
  (cd "$NETRA_ROOT" && cargo build --profile dist --quiet)
  NETRA=${CARGO_TARGET_DIR:-$NETRA_ROOT/target}/dist/netra
fi
THEME=$NETRA_ROOT/themes/default

corpus() {
  [[ -f $OUT/press-$1/.corpus.json ]] ||
    python3 "$BENCH/gen_corpus.py" --out "$OUT/press-$1" --press "$1" --cases 0 --force
}

site=$SITE_DIR/netra-profile
rm -rf "$site"

if command -v perf >/dev/null && perf record -e cpu-clock -o /dev/null true >/dev/null 2>&1; then
  corpus "$N"
  perf record -e cpu-clock -F "$FREQ" --call-graph dwarf,16384 -o "$P/perf.data" \
    "$NETRA" build --content "$OUT/press-$N" --theme "$THEME" --output "$site" 2>&1 | tail -n 3
  # self time per function
  perf report -i "$P/perf.data" --no-children --sort symbol --stdio -g none 2>/dev/null \
    | grep -v '^#' | grep -v '^$' | head -n 60 > "$P/self.txt" || true
  # time including callees, for netra's own functions and its libraries' entry points
  perf report -i "$P/perf.data" --children --sort symbol --stdio -g none 2>/dev/null \
    | grep -v '^#' | grep -v '^$' | grep -v 'rayon\|core::ops::function\|std::sys\|__libc_start\|_start$\|std::rt\|std::panic' \
    | head -n 80 > "$P/inclusive.txt" || true
  echo "== self (top 30)"; head -n 30 "$P/self.txt" || true
  echo "== inclusive, netra:: functions"; grep 'netra::' "$P/inclusive.txt" | head -n 30 || true
else
  command -v valgrind >/dev/null || { echo "neither perf nor valgrind works here" >&2; exit 1; }
  corpus 1000
  valgrind --tool=callgrind --callgrind-out-file="$P/callgrind.out" \
    "$NETRA" build --content "$OUT/press-1000" --theme "$THEME" --output "$site"
  callgrind_annotate --inclusive=yes "$P/callgrind.out" | head -n 80 > "$P/inclusive.txt" || true
  callgrind_annotate "$P/callgrind.out" | head -n 60 > "$P/self.txt" || true
  cat "$P/self.txt" "$P/inclusive.txt"
fi
rm -rf "$site"
