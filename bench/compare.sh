#!/usr/bin/env bash
# Two netra binaries against each other, for a change that must keep the
# output byte for byte and the speed within a few per cent:
#
#   bench/compare.sh OLD_BIN NEW_BIN
#
# 1. Same output: builds every corpus with both binaries (default options,
#    search index on) and `diff -r`s the two sites; runs `netra check` on
#    each with both and compares what they print and their exit codes.
# 2. Same speed: paired timings on the 10 000-release corpus, old and new
#    alternating (the order swapped every round, so that both see the same
#    machine load): `build`, `build --no-search` and `check`, then
#    bench/edit_loop.py (an edit to a release's body, its title, its date,
#    timed until the page changes on disk). Prints medians and new/old.
#
# Exit status: 1 when an output or a check differs, else 0 (the timings
# are for reading: on a shared machine they need the load column).
#
# Environment (all optional):
#   CORPORA     folder holding the corpora, one content folder each
#               (/work/corpora)
#   NAMES       corpora to build and diff (shipped 10k mixed-small mixed);
#               missing ones are skipped with a note
#   TIMED       corpus of the timings (10k)
#   OLD_THEME   theme the old binary builds with (this repository's
#               themes/default); give the old tree's theme if the change
#               touched the theme
#   NEW_THEME   theme of the new binary (this repository's themes/default)
#   OUT         where sites and logs go (/dev/shm/netra-compare when
#               /dev/shm exists, else bench/out/compare)
#   REPEAT      rounds of build and check timings (5)
#   EDIT_REPEAT rounds of the edit loop (3); 0 skips it
#   EDIT_FLAGS  extra flags for edit_loop.py (--no-search: the index is
#               rebuilt after the page is written and is not timed there)
#   SKIP_OUTPUT 1 skips the output comparison; SKIP_TIMING 1 the timings
set -euo pipefail

BENCH=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(dirname "$BENCH")
[[ $# == 2 ]] || { sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//' >&2; exit 2; }
OLD=$(realpath "$1")
NEW=$(realpath "$2")
for b in "$OLD" "$NEW"; do [[ -x $b ]] || { echo "compare: no executable at $b" >&2; exit 2; }; done
CORPORA=${CORPORA:-/work/corpora}
NAMES=${NAMES:-"shipped 10k mixed-small mixed"}
TIMED=${TIMED:-10k}
OLD_THEME=${OLD_THEME:-$ROOT/themes/default}
NEW_THEME=${NEW_THEME:-$ROOT/themes/default}
if [[ -z ${OUT:-} ]]; then
  if [[ -d /dev/shm ]]; then OUT=/dev/shm/netra-compare; else OUT=$BENCH/out/compare; fi
fi
REPEAT=${REPEAT:-5}
EDIT_REPEAT=${EDIT_REPEAT:-3}
EDIT_FLAGS=${EDIT_FLAGS:---no-search}
SKIP_OUTPUT=${SKIP_OUTPUT:-0}
SKIP_TIMING=${SKIP_TIMING:-0}

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
[[ -x /usr/bin/time ]] || { echo "compare: GNU time is needed at /usr/bin/time (apt-get install -y time)" >&2; exit 2; }
mkdir -p "$OUT"
LOG=$OUT/logs
rm -rf "$LOG"; mkdir -p "$LOG"
say "old: $OLD (theme $OLD_THEME)"
say "new: $NEW (theme $NEW_THEME)"
say "corpora in $CORPORA, sites and logs in $OUT"

# run WHICH ARGS...: the old or the new binary with its theme
run() {
  local which=$1; shift
  local bin=$OLD theme=$OLD_THEME
  [[ $which == new ]] && { bin=$NEW; theme=$NEW_THEME; }
  "$bin" "$@" --theme "$theme"
}

# --- 1. the same output ----------------------------------------------------------
status=0
if [[ $SKIP_OUTPUT != 1 ]]; then
  for name in $NAMES; do
    content=$CORPORA/$name
    if [[ ! -d $content ]]; then say "no corpus $content; skipped"; continue; fi
    for which in old new; do
      site=$OUT/$which-$name
      rm -rf "$site"
      say "build $name with $which"
      run "$which" build --content "$content" --output "$site" >"$LOG/build-$which-$name.log" 2>&1 \
        || { echo "compare: $which build of $name failed; see $LOG/build-$which-$name.log" >&2; status=1; }
      set +e
      run "$which" check --content "$content" >"$LOG/check-$which-$name.log" 2>&1
      echo "exit $?" >>"$LOG/check-$which-$name.log"
      set -e
    done
    if diff -r "$OUT/old-$name" "$OUT/new-$name" >"$LOG/diff-$name.txt" 2>&1; then
      say "$name: output identical ($(find "$OUT/new-$name" -type f | wc -l) files)"
      rm -rf "$OUT/old-$name" "$OUT/new-$name"
    else
      say "$name: OUTPUT DIFFERS: $(grep -c '^diff \|^Only in\|^Files ' "$LOG/diff-$name.txt") files; see $LOG/diff-$name.txt (sites kept in $OUT)"
      status=1
    fi
    # check prints timings with -v only; without it, its report is the same text
    if cmp -s "$LOG/check-old-$name.log" "$LOG/check-new-$name.log"; then
      say "$name: check prints the same ($(tail -n 1 "$LOG/check-new-$name.log"))"
    else
      say "$name: CHECK DIFFERS; diff $LOG/check-old-$name.log $LOG/check-new-$name.log"
      status=1
    fi
  done
fi

# --- 2. the same speed -------------------------------------------------------------
if [[ $SKIP_TIMING != 1 ]]; then
  content=$CORPORA/$TIMED
  [[ -d $content ]] || { echo "compare: no corpus $content to time" >&2; exit 2; }
  TSV=$LOG/timings.tsv
  printf 'what\twhich\tround\twall_s\tcpu_s\tmaxrss_kb\tload1\n' >"$TSV"
  # timed WHAT WHICH ROUND ARGS...
  timed() {
    local what=$1 which=$2 round=$3; shift 3
    local tf=$LOG/time-$what-$which-$round
    local load1; load1=$(cut -d' ' -f1 /proc/loadavg)
    /usr/bin/time -f '%e %U %S %M' -o "$tf" bash -c '"$@" >/dev/null 2>&1' _ "$@" \
      || echo "compare: $which $what round $round failed" >&2
    awk -v w="$what" -v b="$which" -v r="$round" -v l="$load1" 'END {printf "%s\t%s\t%s\t%s\t%.2f\t%s\t%s\n", w, b, r, $1, $2 + $3, $4, l}' "$tf" >>"$TSV"
  }
  say "timings on $TIMED: $REPEAT rounds of build, build --no-search and check"
  for r in $(seq 1 "$REPEAT"); do
    order="old new"; (( r % 2 == 0 )) && order="new old"
    for which in $order; do
      bin=$OLD theme=$OLD_THEME; [[ $which == new ]] && { bin=$NEW; theme=$NEW_THEME; }
      site=$OUT/timed-$which
      rm -rf "$site"
      timed build "$which" "$r" "$bin" build --content "$content" --theme "$theme" --output "$site"
      rm -rf "$site"
      timed build-nosearch "$which" "$r" "$bin" build --no-search --content "$content" --theme "$theme" --output "$site"
      rm -rf "$site"
      timed check "$which" "$r" "$bin" check --content "$content" --theme "$theme"
    done
    say "round $r of $REPEAT done (load $(cut -d' ' -f1 /proc/loadavg))"
  done
  if (( EDIT_REPEAT > 0 )); then
    say "edit loop on $TIMED ($EDIT_FLAGS): $EDIT_REPEAT rounds"
    for r in $(seq 1 "$EDIT_REPEAT"); do
      order="old new"; (( r % 2 == 0 )) && order="new old"
      for which in $order; do
        bin=$OLD theme=$OLD_THEME; [[ $which == new ]] && { bin=$NEW; theme=$NEW_THEME; }
        load1=$(cut -d' ' -f1 /proc/loadavg)
        # shellcheck disable=SC2086
        python3 "$BENCH/edit_loop.py" --netra "$bin" --theme "$theme" --content "$content" $EDIT_FLAGS \
          >"$LOG/edit-$which-$r.txt" 2>&1 || { echo "compare: edit loop $which round $r failed; see $LOG/edit-$which-$r.txt" >&2; continue; }
        # "last edits: body  outside   18.6 ms, server 13 ms" and the median line
        python3 - "$LOG/edit-$which-$r.txt" "$which" "$r" "$load1" >>"$TSV" <<'PY'
import re, sys
text, which, r, load = open(sys.argv[1]).read(), *sys.argv[2:]
m = re.search(r"edit → page on disk \(outside\)\s+median\s+([\d.]+) ms", text)
print(f"edit-body (median)\t{which}\t{r}\t{float(m.group(1)) / 1000:.4f}\tNA\tNA\t{load}")
for kind in ("title", "date"):
    m = re.search(rf"last edits: {kind}\s+outside\s+([\d.]+) ms", text)
    print(f"edit-{kind}\t{which}\t{r}\t{float(m.group(1)) / 1000:.4f}\tNA\tNA\t{load}")
PY
      done
    done
  fi
  python3 - "$TSV" <<'PY'
import csv, statistics, sys
from collections import defaultdict
rows = defaultdict(list)
loads = []
for row in csv.DictReader(open(sys.argv[1]), delimiter="\t"):
    rows[(row["what"], row["which"])].append(row)
    loads.append(float(row["load1"]))
def med(xs):
    xs = [float(x) for x in xs if x != "NA"]
    return statistics.median(xs) if xs else None
def fmt(x, unit):
    if x is None:
        return "–"
    return f"{x * 1000:.1f} ms" if unit == "ms" else f"{x:.3f} s" if unit == "s" else f"{x / 1024:.0f} MiB"
print()
print(f"Paired timings (medians; load average {min(loads):.1f}–{max(loads):.1f} at the runs' start):")
print()
print("| measurement | runs | old wall | new wall | new/old wall | old CPU | new CPU | new/old CPU | old peak | new peak |")
print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
whats = []
for (what, _) in rows:
    if what not in whats:
        whats.append(what)
for what in whats:
    o, n = rows.get((what, "old"), []), rows.get((what, "new"), [])
    unit = "ms" if what.startswith("edit") else "s"
    ow, nw = med(r["wall_s"] for r in o), med(r["wall_s"] for r in n)
    oc, nc = med(r["cpu_s"] for r in o), med(r["cpu_s"] for r in n)
    orss, nrss = med(r["maxrss_kb"] for r in o), med(r["maxrss_kb"] for r in n)
    ratio = lambda a, b: f"{b / a:.3f}" if a and b else "–"
    print(f"| {what} | {min(len(o), len(n))} | {fmt(ow, unit)} | {fmt(nw, unit)} | **{ratio(ow, nw)}** | "
          f"{fmt(oc, 's')} | {fmt(nc, 's')} | {ratio(oc, nc)} | {fmt(orss, 'MiB')} | {fmt(nrss, 'MiB')} |")
print()
print(f"Every run: {sys.argv[1]}")
PY
fi
rm -rf "$OUT"/timed-old "$OUT"/timed-new
if [[ $SKIP_OUTPUT != 1 ]]; then
  if [[ $status == 0 ]]; then say "outputs: all identical"; else say "outputs: DIFFERENCES (above)"; fi
fi
exit $status
