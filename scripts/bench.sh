#!/usr/bin/env bash
# Times the release binary against the tools that only read the same files,
# and checks the speed and scale targets of issue 4:
#
#   fix --output-dir over real posts   <= 20x  cat of the same files
#   check over the same tree           <=  2x  rg -l -- ---END---
#   check over a clean tree            <=  2x  rg -l -- ---END---
#   a 10x larger generated input       <= 12x  the time of the 1x input
#   peak RSS of a 10,000-file batch    <=  3x  that of a 10-file batch
#   100 answers / a few MB in one file  well under a second
#
#   scripts/bench.sh [CORPUS_DIR]
#
# CORPUS_DIR defaults to ../shared/corpus/real next to the checkout. Its files
# are copied COPIES times (default 20) into a throwaway directory under
# ${TMPDIR:-/tmp}; nothing is written in the repository. Generated inputs come
# from `cargo bench --bench gen_inputs` (made-up text, no corpus text).
# Environment: COPIES, RUNS (timed runs per command, default 5), RSS_FILES
# (default 10000), REDRAFT (a binary to use instead of building one), KEEP=1
# to keep the throwaway directory. Uses hyperfine when installed, else a loop.
set -euo pipefail

repo_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
corpus=${1:-$repo_root/../shared/corpus/real}
copies=${COPIES:-20}
runs=${RUNS:-5}
rss_files=${RSS_FILES:-10000}

for tool in rg /usr/bin/time; do
    command -v "$tool" >/dev/null || {
        echo "bench.sh: needs $tool (apt-get install -y ripgrep time)" >&2
        exit 2
    }
done
[[ -d $corpus ]] || {
    echo "bench.sh: no corpus at $corpus" >&2
    exit 2
}

if [[ -n ${REDRAFT:-} ]]; then
    bin=$REDRAFT
else
    cargo build --release --quiet --manifest-path "$repo_root/Cargo.toml"
    bin=$repo_root/target/release/redraft
fi
# A private copy: a rebuild in the checkout during the run changes nothing.
work=$(mktemp -d "${TMPDIR:-/tmp}/redraft-bench.XXXXXX")
if [[ ${KEEP:-0} == 1 ]]; then
    echo "== keeping $work" >&2
else
    trap 'rm -rf "$work"' EXIT
fi
cp "$bin" "$work/redraft"
bin=$work/redraft

# --- inputs ---------------------------------------------------------------
echo "== preparing inputs in $work" >&2
for ((k = 0; k < copies; k++)); do
    mkdir -p "$work/real/$k"
    cp "$corpus"/*.md "$work/real/$k/"
done
(cd "$repo_root" && cargo bench --quiet --bench gen_inputs -- "$work/gen" >/dev/null)
for ((k = 0; k < copies; k++)); do
    mkdir -p "$work/clean/$k"
    cp "$work/gen/clean"/*.md "$work/clean/$k/"
done
chmod -R u+w "$work/real" "$work/clean"

# --- measuring --------------------------------------------------------------
# `measure NAME CMD`: mean wall seconds of CMD (exit codes ignored: `check`
# exits 1 when it finds files, `rg -l` when it finds none).
# `measure NAME CMD PREPARE`: PREPARE runs before each timed run, untimed.
measure() {
    local name=$1 cmd=$2 prepare=${3:-true}
    if command -v hyperfine >/dev/null; then
        hyperfine --style none --warmup 1 --runs "$runs" -i -N --prepare "$prepare" \
            --export-csv "$work/$name.csv" -n "$name" "$cmd" >/dev/null 2>&1 ||
            hyperfine --style none --warmup 1 --runs "$runs" -i --prepare "$prepare" \
                --export-csv "$work/$name.csv" -n "$name" "$cmd" >/dev/null
        awk -F, 'NR == 2 { printf "%.4f\n", $2 }' "$work/$name.csv"
    else
        local total=0 s e
        bash -c "$cmd" >/dev/null 2>&1 || true
        for ((r = 0; r < runs; r++)); do
            bash -c "$prepare" >/dev/null 2>&1 || true
            s=$(date +%s%N)
            bash -c "$cmd" >/dev/null 2>&1 || true
            e=$(date +%s%N)
            total=$((total + e - s))
        done
        awk -v t="$total" -v r="$runs" 'BEGIN { printf "%.4f\n", t / r / 1e9 }'
    fi
}

# `peak_rss_kb CMD...`: maximum resident set size of one run.
peak_rss_kb() {
    { /usr/bin/time -v "$@" 2>&1 >/dev/null || true; } |
        awk -F': ' '/Maximum resident set size/ { print $2 }'
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", a / b }'; }
mbps() { awk -v m="$1" -v t="$2" 'BEGIN { printf "%.1f", m / t }'; }
verdict() { awk -v r="$1" -v max="$2" 'BEGIN { print (r <= max ? "ok" : "MISSED") }'; }
size_mb() { du -sb "$1" | awk '{ printf "%.2f", $1 / 1e6 }'; }
count() { find "$1" -type f | wc -l; }

rows=()
row() { rows+=("$(printf '| %s | %s | %s | %s | %s |' "$@")"); }

echo "== fix --output-dir vs cat" >&2
real_mb=$(size_mb "$work/real")
real_n=$(count "$work/real")
t_cat=$(measure cat "find $work/real -type f -exec cat {} +")
t_fix=$(measure fix "$bin fix -q --output-dir $work/out $work/real")
r=$(ratio "$t_fix" "$t_cat")
row "fix --output-dir, real x$copies ($real_n files, $real_mb MB), again into the same dir" \
    "${t_fix}s ($(mbps "$real_mb" "$t_fix") MB/s)" "cat ${t_cat}s" "${r}x (<= 20x)" "$(verdict "$r" 20)"
# Into an empty directory: every copy is a new file (file creation is a
# large share of it; `cp -r` of the same tree shows what creating costs).
t_fresh=$(measure fix-fresh "$bin fix -q --output-dir $work/out-fresh $work/real" "rm -rf $work/out-fresh")
t_cp=$(measure cp-fresh "cp -r $work/real $work/cp-fresh" "rm -rf $work/cp-fresh")
r=$(ratio "$t_fresh" "$t_cat")
row "fix --output-dir, same files, into an empty dir" \
    "${t_fresh}s ($(mbps "$real_mb" "$t_fresh") MB/s)" "cat ${t_cat}s, cp -r ${t_cp}s" \
    "${r}x cat, $(ratio "$t_fresh" "$t_cp")x cp -r (<= 20x cat)" "$(verdict "$r" 20)"

echo "== check vs rg -l" >&2
t_rg=$(measure rg-real "rg -l -- ---END--- $work/real")
t_check=$(measure check-real "$bin check -q $work/real")
r=$(ratio "$t_check" "$t_rg")
row "check, real x$copies ($real_n files)" "${t_check}s" "rg -l ${t_rg}s" "${r}x (<= 2x)" "$(verdict "$r" 2)"

clean_mb=$(size_mb "$work/clean")
clean_n=$(count "$work/clean")
t_rg=$(measure rg-clean "rg -l -- ---END--- $work/clean")
t_check=$(measure check-clean "$bin check -q $work/clean")
r=$(ratio "$t_check" "$t_rg")
row "check, clean tree ($clean_n files, $clean_mb MB)" "${t_check}s" "rg -l ${t_rg}s" "${r}x (<= 2x)" "$(verdict "$r" 2)"

echo "== 10x scaling" >&2
for lang in en ja; do
    one=$work/gen/scale/$lang-x1.md
    ten=$work/gen/scale/$lang-x10.md
    t1=$(measure "x1-$lang" "$bin fix -q --output-dir $work/out-scale $one")
    t10=$(measure "x10-$lang" "$bin fix -q --output-dir $work/out-scale $ten")
    r=$(ratio "$t10" "$t1")
    row "10x input, $lang ($(size_mb "$one") -> $(size_mb "$ten") MB, 8 -> 80 answers)" \
        "${t10}s" "1x ${t1}s" "${r}x (<= 12x)" "$(verdict "$r" 12)"
done

echo "== single large files" >&2
for f in "$work/gen/big"/*.md; do
    t=$(measure "big-$(basename "$f" .md)" "$bin fix -q --output-dir $work/out-big $f")
    answers=$(grep -c -- ---END--- "$f" || true)
    row "one file: $(basename "$f") ($(size_mb "$f") MB, $answers answers)" \
        "${t}s" "" "(< 1s)" "$(verdict "$t" 1)"
done

echo "== peak RSS: $rss_files files vs 10 files" >&2
mkdir -p "$work/rss-small" "$work/rss-large"
posts=("$corpus"/*.md)
cp "${posts[@]:0:10}" "$work/rss-small/"
for ((k = 0; k * ${#posts[@]} < rss_files; k++)); do
    left=$((rss_files - k * ${#posts[@]}))
    mkdir -p "$work/rss-large/$k"
    cp "${posts[@]:0:left}" "$work/rss-large/$k/"
done
chmod -R u+w "$work/rss-small" "$work/rss-large"
small_kb=$(peak_rss_kb "$bin" fix -q --output-dir "$work/out-rss-small" "$work/rss-small")
s=$(date +%s%N)
large_kb=$(peak_rss_kb "$bin" fix -q --output-dir "$work/out-rss-large" "$work/rss-large")
e=$(date +%s%N)
large_t=$(awk -v d=$((e - s)) 'BEGIN { printf "%.2f", d / 1e9 }')
r=$(ratio "$large_kb" "$small_kb")
row "peak RSS, fix --output-dir, $rss_files files ($(size_mb "$work/rss-large") MB, ${large_t}s)" \
    "$((large_kb / 1024)) MB" "10 files $((small_kb / 1024)) MB" "${r}x (<= 3x)" "$(verdict "$r" 3)"

# --- report -------------------------------------------------------------------
echo
echo "$(nproc) cores, $(uname -sm), $("$bin" --version 2>/dev/null || echo redraft)"
echo "$(command -v hyperfine >/dev/null && echo "hyperfine, $runs runs each, mean" || echo "shell loop, $runs runs each, mean")"
echo
echo "| measurement | redraft | baseline | ratio (target) | |"
echo "|---|---|---|---|---|"
printf '%s\n' "${rows[@]}"
