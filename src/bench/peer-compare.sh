#!/usr/bin/env bash
# Runs the DL4J peer networks (io.github.dl4jzoo.bench.PeerRun) and the PyTorch peer
# (../shared/peer/pytorch_peer.py) alternately (A B A B ...) on the same machine and prints
# a markdown table of medians and ratios. The forecasting recipes (lstm-forecast, mlp-forecast) run as
# `./zoo train NAME` (the launcher, its heap, its checkpoints) against ../shared/peer/pytorch_forecast_peer.py
# with the same windows, batch, updater and epochs; their samples/s are training samples over training
# seconds on both sides. The 1-minute load average is read before and after each pair and printed
# beside the figures: over 0.5 the machine was not quiet, and the script says so.
# Only compare numbers from one run of this script.
#
# Usage: src/bench/peer-compare.sh [models...]  (default: mlp lenet keras lstm lstm-forecast mlp-forecast)
# Env:   ROUNDS=3        alternations per model
#        WARM=20         warm-up batches (trained, not timed), as the peer's argument
#        MAXB=-1         batches per run (-1 = full epoch); e.g. MAXB=100 to explore
#        NAIVE=1         also run DL4J with -Ddl4jzoo.engine=naive (the "before" column)
#        TORCH_THREADS   "1 2" (default) = PyTorch at 1 and at 2 intra-op threads; the ratio uses the faster
#        JAVA_OPTS       extra JVM options for the tuned DL4J run (e.g. -Ddl4jzoo.threads=2)
#        PEER_DIR=../shared/peer   the folder of the two PyTorch peers
#        EPOCHS=200      epochs of the forecasting recipes (their recipes' own)
#        PEER=../shared/peer/pytorch_peer.py   FORECAST_PEER=../shared/peer/pytorch_forecast_peer.py   FM_DIR as the peer
set -euo pipefail
cd "$(dirname "$0")/../.."
MODELS=${*:-mlp lenet keras lstm lstm-forecast mlp-forecast}
ROUNDS=${ROUNDS:-3}
WARM=${WARM:-20}
MAXB=${MAXB:--1}
TT=${TORCH_THREADS:-1 2}
PEER_DIR=${PEER_DIR:-$(pwd)/../shared/peer}
PEER=${PEER:-$PEER_DIR/pytorch_peer.py}
FORECAST_PEER=${FORECAST_PEER:-$PEER_DIR/pytorch_forecast_peer.py}
for f in "$PEER" "$FORECAST_PEER"; do
  [ -f "$f" ] || { echo "peer-compare: $f: no such file (set PEER_DIR to the folder of the PyTorch peers)" >&2; exit 2; }
done
CO2=src/main/resources/io/github/dl4jzoo/data/co2/co2-concentration.csv
EPOCHS=${EPOCHS:-200}
OUT=$(mktemp -d)
mvn -B -q -o compile -Dspotless.check.skip=true
./zoo --version >/dev/null # the launcher builds target/zoo.jar when the sources are newer
mvn -B -q -o dependency:build-classpath -Dmdep.outputFile="$OUT/cp.txt" >/dev/null
CP="target/classes:$(cat "$OUT/cp.txt")"
# the zoo launcher's heap, JavaCPP, collector and malloc settings, so PeerRun measures what `zoo train` runs
MALLOC="glibc.malloc.hugetlb=1"
JVM=(-Xmx2g -Dorg.bytedeco.javacpp.maxPhysicalBytes=0 -XX:+UseSerialGC -Xmn64m -Dorg.slf4j.simpleLogger.defaultLogLevel=warn)

load1() { cut -d' ' -f1 /proc/loadavg; }

forecast_dl4j() { # recipe: one `zoo train` as a user runs it, wall and peak RSS from /usr/bin/time
  local run="$OUT/run-$1"
  if ! /usr/bin/time -f 'TIME wall_s=%e peak_rss_mb=%M' -o "$OUT/time.txt" \
    ./zoo train "$1" --epochs "$EPOCHS" --verbose 0 --out "$run" --overwrite >"$OUT/train.log" 2>&1; then
    echo "RESULT failed"; return
  fi
  # timing.json: train_seconds, train_samples_per_second, inference_samples_per_second; metrics.json: rmse
  awk -v t="$(cat "$OUT/time.txt")" -v m="$1" '
    /"train_seconds"/ {gsub(/[ ,]/, ""); split($0, a, ":"); ts=a[2]}
    /"train_samples_per_second"/ {gsub(/[ ,]/, ""); split($0, a, ":"); sps=a[2]}
    /"inference_samples_per_second"/ {gsub(/[ ,]/, ""); split($0, a, ":"); inf=a[2]}
    END {split(t, w, " "); sub("wall_s=", "", w[2]); sub("peak_rss_mb=", "", w[3]);
         printf "RESULT framework=DL4J model=%s train_s=%.3f samples_per_s=%.1f eval_samples_per_s=%.1f wall_s=%s peak_rss_mb=%d", m, ts, sps, inf, w[2], w[3]/1024}' \
    "$run/timing.json"
  grep -oE '"rmse" *: *[0-9.]+' "$run/metrics.json" | head -1 | sed -E 's/.*: *([0-9.]+)/ test_rmse=\1/' || true
  echo
}

dl4j() { # variant model
  case $2 in *-forecast) forecast_dl4j "$2"; return ;; esac
  local extra=()
  if [ "$1" = naive ]; then extra=(-Ddl4jzoo.engine=naive); else read -ra extra <<<"${JAVA_OPTS:-}"; fi
  GLIBC_TUNABLES=$MALLOC java "${JVM[@]}" "${extra[@]}" -cp "$CP" io.github.dl4jzoo.bench.PeerRun "$2" "$WARM" "$MAXB" 2>&1 |
    grep -E '^(RESULT|INFO engine)' || echo "RESULT failed"
}
torch() { # threads model
  case $2 in *-forecast)
    TORCH_THREADS=$1 /usr/bin/python3 "$FORECAST_PEER" "${2%-forecast}" "$CO2" "$EPOCHS" 2>&1 | grep '^RESULT' || echo "RESULT failed"
    return ;;
  esac
  TORCH_THREADS=$1 /usr/bin/python3 "$PEER" "$2" "$WARM" "$MAXB" 2>&1 | grep '^RESULT' || echo "RESULT failed"
}
field() { { grep -oE "(^| )$1=[^ ]+" || true; } | cut -d= -f2; }
median() { sort -g | awk '{a[NR]=$1} END {if (NR==0) print "nan"; else if (NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }

for m in $MODELS; do
  for r in $(seq "$ROUNDS"); do
    before=$(load1)
    [ -n "${NAIVE:-}" ] && dl4j naive "$m" | tee -a "$OUT/$m.naive" | grep RESULT >&2
    dl4j tuned "$m" | tee -a "$OUT/$m.tuned" | grep RESULT >&2
    for t in $TT; do torch "$t" "$m" | tee -a "$OUT/$m.torch$t" >&2; done
    after=$(load1)
    echo "$before $after" >>"$OUT/$m.load"
    echo "LOAD $m round $r: 1-minute load average $before before, $after after" >&2
  done
done
grep -h 'INFO engine' "$OUT"/*.tuned | head -1 || true

echo
echo "| model | variant | samples/s (median) | runs | test_acc or test_rmse | eval samples/s | PyTorch best / this | load before-after |"
echo "|---|---|---|---|---|---|---|---|"
for m in $MODELS; do
  loads=$(awk '{printf "%s%s-%s", (NR>1?", ":""), $1, $2}' "$OUT/$m.load")
  best=0
  for t in $TT; do
    v=$(grep RESULT "$OUT/$m.torch$t" | field samples_per_s | median)
    best=$(awk -v a="$best" -v b="$v" 'BEGIN{print (b>a)?b:a}')
  done
  for f in naive tuned $(for t in $TT; do echo torch$t; done); do
    [ -f "$OUT/$m.$f" ] || continue
    sps=$(grep RESULT "$OUT/$m.$f" | field samples_per_s | median)
    all=$(grep RESULT "$OUT/$m.$f" | field samples_per_s | sort -g | tr '\n' ' ')
    acc=$(grep RESULT "$OUT/$m.$f" | field test_acc | median)
    [ "$acc" = nan ] && acc="rmse $(grep RESULT "$OUT/$m.$f" | field test_rmse | median)"
    ev=$(grep RESULT "$OUT/$m.$f" | field eval_samples_per_s | median)
    name=$f; case $f in naive) name="DL4J naive";; tuned) name="DL4J tuned";; torch*) name="PyTorch ${f#torch}T";; esac
    ratio=$(awk -v a="$best" -v b="$sps" 'BEGIN{printf "%.2f", (b>0)?a/b:0}')
    echo "| $m | $name | $sps | $all| $acc | $ev | $ratio | $loads |"
  done
done
busy=$(cat "$OUT"/*.load | tr ' ' '\n' | awk '$1 > 0.5' | sort -g | tail -1)
if [ -n "$busy" ]; then
  echo
  echo "WARNING: the 1-minute load average reached $busy (over 0.5): the machine was not quiet, these figures are contended."
fi
grep -h '^RESULT framework=DL4J model=.*-forecast' "$OUT"/*.tuned 2>/dev/null | sed 's/^RESULT/FORECAST-RUN/' || true
rm -rf "$OUT"
