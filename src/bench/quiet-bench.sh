#!/usr/bin/env bash
# The speed and memory targets, measured in one command. Run it on a quiet machine (nothing else running):
#   1. src/bench/peer-compare.sh: mlp, lenet5, seed-cnn, lstm-rows (one full Fashion-MNIST epoch) and
#      lstm-forecast, mlp-forecast (200 epochs on CO2) against PyTorch at 1 and 2 threads, alternating;
#   2. the default `./zoo compare` with the jar built: wall time and peak resident memory;
#   3. a single default `zoo train NAME` of each image recipe: wall time and peak resident memory
#      (the forecasters' single runs are already in 1).
# Then it prints the target table, with the 1-minute load average before and after each part.
# About 15-20 minutes on a quiet 2-core machine (ROUNDS=1; estimated from earlier quiet figures, not yet timed).
#
# Usage: src/bench/quiet-bench.sh
# Env:   ROUNDS=1   alternations in part 1      PEER_DIR=../shared/peer   the PyTorch peers
#        RUNS="linear-softmax mlp lenet5 seed-cnn lstm-rows"   recipes of part 3 ("" skips it)
#        For a quick check of the script itself (not a measurement): MAXB=30 EPOCHS=2 RUNS=mlp
#        PEER_MODELS="mlp mlp-forecast" COMPARE_ARGS="--suite timeseries --epochs 2"
#        KEEP=DIR   keep the logs and run folders there (default: a temporary folder, removed)
set -euo pipefail
cd "$(dirname "$0")/../.."
export ROUNDS=${ROUNDS:-1}
RUNS=${RUNS-linear-softmax mlp lenet5 seed-cnn lstm-rows}
OUT=${KEEP:-$(mktemp -d)}
mkdir -p "$OUT"
load1() { cut -d' ' -f1 /proc/loadavg; }
rss() { # command...: runs it under /usr/bin/time, prints "wall_s peak_rss_mb"
  /usr/bin/time -f '%e %M' -o "$OUT/time.txt" "$@" >>"$OUT/runs.log" 2>&1 || { echo "failed: $*" >&2; echo "nan nan"; return; }
  awk '{printf "%.1f %d\n", $1, $2 / 1024}' "$OUT/time.txt"
}

echo "quiet-bench: $(date -u '+%F %T') UTC, $(nproc) cores, $(uptime)"
./zoo --version >/dev/null # builds target/zoo.jar if the sources are newer

# 1. against PyTorch
# shellcheck disable=SC2086 # the lists are meant to split
src/bench/peer-compare.sh ${PEER_MODELS:-} | tee "$OUT/peer.txt"

# 2. the default comparison
before=$(load1)
read -r cwall crss < <(rss ./zoo compare --out "$OUT/compare" ${COMPARE_ARGS:-})
compare_load="$before-$(load1)"
echo "default ./zoo compare: ${cwall} s wall, peak resident ${crss} MB (load $compare_load)"

# 3. single default runs
echo "| run | wall s | peak resident MB | load before-after |" >"$OUT/runs.md"
echo "|---|---:|---:|---|" >>"$OUT/runs.md"
for r in $RUNS; do
  before=$(load1)
  read -r w m < <(rss ./zoo train "$r" --verbose 0 --out "$OUT/run-$r" --overwrite)
  echo "| zoo train $r | $w | $m | $before-$(load1) |" >>"$OUT/runs.md"
done
grep -h '^FORECAST-RUN' "$OUT/peer.txt" | while read -r line; do
  m=$(grep -oE 'model=[^ ]+' <<<"$line" | cut -d= -f2)
  w=$(grep -oE 'wall_s=[^ ]+' <<<"$line" | cut -d= -f2)
  r=$(grep -oE 'peak_rss_mb=[^ ]+' <<<"$line" | cut -d= -f2)
  echo "| zoo train $m (part 1) | $w | $r | see part 1 |" >>"$OUT/runs.md"
done
echo
cat "$OUT/runs.md"

# The target table
row() { grep -E "^\| $1 \| $2 \|" "$OUT/peer.txt" | head -1 || true; }
col() { awk -F'|' -v c="$1" '{gsub(/^ +| +$/, "", $(c + 1)); print $(c + 1)}'; }
echo
echo "| target | measured | milestone | goal | load |"
echo "|---|---|---|---|---|"
for m in mlp lenet keras lstm lstm-forecast mlp-forecast; do
  [ -n "$(row "$m" "DL4J tuned")" ] || continue
  case $m in
    mlp | lenet | keras | mlp-forecast) ms="<= 2.0x" ;;
    *) ms="<= 3.0x" ;;
  esac
  ratio=$(row "$m" "DL4J tuned" | col 7)
  sps=$(row "$m" "DL4J tuned" | col 3)
  load=$(row "$m" "DL4J tuned" | col 8)
  echo "| $m training, PyTorch best / DL4J | ${ratio}x (DL4J $sps samples/s) | $ms | <= 1.5x | $load |"
done
for m in mlp lenet keras lstm; do
  [ -n "$(row "$m" "DL4J tuned")" ] || continue
  d=$(row "$m" "DL4J tuned" | col 6)
  t1=$(row "$m" "PyTorch 1T" | col 6)
  t2=$(row "$m" "PyTorch 2T" | col 6)
  echo "| $m inference (batch 1000), samples/s | DL4J $d, PyTorch $t1 (1T) / $t2 (2T) | - | >= PyTorch | $(row "$m" "DL4J tuned" | col 8) |"
done
echo "| mlp-forecast inference, samples/s | $(row mlp-forecast "DL4J tuned" | col 6) | >= 100,000 | - | $(row mlp-forecast "DL4J tuned" | col 8) |"
echo "| default ./zoo compare, wall | $cwall s | <= 120 s | <= 60 s | $compare_load |"
peak=$(awk -F'|' 'NR > 2 {gsub(/ /, "", $4); if ($4 + 0 > p) p = $4 + 0} END {print p}' "$OUT/runs.md")
echo "| peak resident, any single default run | $peak MB (table above) | <= 1,024 MB | - | - |"
echo "| peak resident, default ./zoo compare (one process) | $crss MB | - | - | $compare_load |"
echo
echo "quiet-bench: done $(date -u '+%F %T') UTC, $(uptime)"
[ -n "${KEEP:-}" ] || rm -rf "$OUT"
