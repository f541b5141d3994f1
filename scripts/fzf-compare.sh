#!/usr/bin/env bash
# Compares tlx's search with `fzf --filter` over the same generated events.
#
#   scripts/fzf-compare.sh            # 100,000 events, seed 1 (as the benches)
#   EVENTS=10000 scripts/fzf-compare.sh
#
# 1. Generates the timeline (gen_timeline, seed 1) and writes each event's searchable
#    text as one line (benches/fzf_lines.rs: title, summary, tags, actor names and
#    aliases, publishers, source titles, quotes, dates, display date; the fields of
#    tlx's search index, joined by " | ").
# 2. Times `fzf --filter QUERY` (sorted by score, fzf's default) and
#    `fzf --no-sort --filter QUERY` over those lines with hyperfine: the whole process,
#    reading the lines included.
# 3. Times `tlx list QUERY --format ids` over the YAML the same way, the whole process,
#    after one run has filled the cache (as a user's second call finds it), and prints
#    the ratio of the two medians, tlx/fzf.
# 4. Counts the hits of both.
# 5. Reads tlx's time for the same query inside a process (parse + compile + run over the
#    in-memory index, date order) from criterion's results of `cargo bench --bench
#    query`, when they exist (run that bench first for this column).
#
# TLX=path/to/tlx compares another build of tlx (the default is this checkout's).
#
# fzf exits 1 when nothing matches: hyperfine ignores that (--ignore-failure).
# Needs fzf, hyperfine and jq (apt-get install -y fzf hyperfine jq). Results (hyperfine
# JSON, the lines, the YAML) stay in $OUT (default /tmp/tlx-fzf).
set -euo pipefail

cd "$(dirname "$0")/.."
EVENTS=${EVENTS:-100000}
SEED=1
OUT=${OUT:-/tmp/tlx-fzf}
RUNS=${RUNS:-10}
YAML="$OUT/gen$EVENTS.yaml"
LINES="$OUT/gen$EVENTS.lines"
TARGET_DIR=${CARGO_TARGET_DIR:-target}

for tool in fzf hyperfine jq; do
    command -v "$tool" >/dev/null || { echo "fzf-compare: needs $tool (apt-get install -y $tool)" >&2; exit 2; }
done
mkdir -p "$OUT"

cargo build --release --quiet --example gen_timeline --bin tlx
TLX=${TLX:-$TARGET_DIR/release/tlx}
if [ ! -s "$YAML" ]; then
    "$TARGET_DIR/release/examples/gen_timeline" --events "$EVENTS" --seed "$SEED" --out "$YAML"
fi
if [ ! -s "$LINES" ]; then
    TLX_FZF_LINES="$LINES" TLX_FZF_EVENTS="$EVENTS" cargo bench --quiet --bench fzf_lines
fi
echo "lines: $(wc -l < "$LINES") ($(du -h "$LINES" | cut -f1)); fzf $(fzf --version | cut -d' ' -f1); $(nproc) cores" >&2

QUERIES=(k flo treaty zurich treatyberlin "berlin treaty")

# fzf's fixed cost: start, read nothing, exit.
hyperfine --style none --ignore-failure --warmup 2 --runs "$RUNS" --export-json "$OUT/fzf-empty.json" \
    "fzf --filter k < /dev/null" >/dev/null
empty=$(jq '.results[0].median * 1000' "$OUT/fzf-empty.json")

# Criterion names a benchmark's folder after its id, with ':' replaced by '_'.
criterion_median_ms() {
    local f="$TARGET_DIR/criterion/query/date/${1//:/_}/new/estimates.json"
    if [ -f "$f" ]; then jq '.median.point_estimate / 1e6' "$f"; else echo ""; fi
}

"$TLX" validate "$YAML" >/dev/null 2>&1 || true  # fills the cache
printf '| query | tlx hits | fzf hits | tlx process ms | fzf ms | fzf --no-sort ms | tlx/fzf | tlx in-memory ms |\n'
printf '|---|---:|---:|---:|---:|---:|---:|---:|\n'
i=0
for q in "${QUERIES[@]}"; do
    i=$((i + 1))
    fzf_hits=$(fzf --filter "$q" < "$LINES" | wc -l)
    tlx_hits=$({ "$TLX" list -q "$q" --format ids "$YAML" || true; } | wc -l)
    hyperfine --style none --ignore-failure --warmup 2 --runs "$RUNS" --export-json "$OUT/fzf-$i.json" \
        "fzf --filter '$q' < '$LINES'" >/dev/null
    hyperfine --style none --ignore-failure --warmup 2 --runs "$RUNS" --export-json "$OUT/fzf-nosort-$i.json" \
        "fzf --no-sort --filter '$q' < '$LINES'" >/dev/null
    hyperfine --style none --ignore-failure --warmup 2 --runs "$RUNS" --export-json "$OUT/tlx-$i.json" \
        "'$TLX' list -q '$q' --format ids '$YAML'" >/dev/null
    proc_ms=$(jq '.results[0].median * 1000' "$OUT/tlx-$i.json")
    fzf_ms=$(jq '.results[0].median * 1000' "$OUT/fzf-$i.json")
    nosort_ms=$(jq '.results[0].median * 1000' "$OUT/fzf-nosort-$i.json")
    tlx_ms=$(criterion_median_ms "$q")
    ratio=$(awk -v a="$proc_ms" -v b="$fzf_ms" 'BEGIN { printf "%.2f", a / b }')
    if [ -n "$tlx_ms" ]; then tlx_ms=$(printf '%.1f' "$tlx_ms"); else tlx_ms="n/a"; fi
    printf '| `%s` | %s | %s | %.1f | %.1f | %.1f | %s | %s |\n' \
        "$q" "$tlx_hits" "$fzf_hits" "$proc_ms" "$fzf_ms" "$nosort_ms" "$ratio" "$tlx_ms"
done
printf '\nfzf start-up with no input: %.1f ms (median)\n' "$empty"
