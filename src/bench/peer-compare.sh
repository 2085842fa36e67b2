#!/usr/bin/env bash
# Runs the DL4J peer networks (io.github.dl4jzoo.bench.PeerRun) and the PyTorch peer
# (/work/shared/peer/pytorch_peer.py) alternately (A B A B ...) on the same machine and prints
# a markdown table of medians and ratios. The CPU is shared and noisy: only compare numbers
# from one run of this script.
#
# Usage: src/bench/peer-compare.sh [models...]            (default: mlp lenet keras lstm)
# Env:   ROUNDS=3        alternations per model
#        WARM=20         warm-up batches (trained, not timed), as the peer's argument
#        MAXB=-1         batches per run (-1 = full epoch); e.g. MAXB=100 to explore
#        NAIVE=1         also run DL4J with -Ddl4jzoo.engine=naive (the "before" column)
#        TORCH_THREADS   "1 2" (default) = PyTorch at 1 and at 2 intra-op threads; the ratio uses the faster
#        JAVA_OPTS       extra JVM options for the tuned DL4J run (e.g. -Ddl4jzoo.threads=2)
#        PEER=../shared/peer/pytorch_peer.py   FM_DIR as the peer
set -euo pipefail
cd "$(dirname "$0")/../.."
MODELS=${*:-mlp lenet keras lstm}
ROUNDS=${ROUNDS:-3}
WARM=${WARM:-20}
MAXB=${MAXB:--1}
TT=${TORCH_THREADS:-1 2}
PEER=${PEER:-$(pwd)/../shared/peer/pytorch_peer.py}
OUT=$(mktemp -d)
mvn -B -q -o compile -Dspotless.check.skip=true
mvn -B -q -o dependency:build-classpath -Dmdep.outputFile="$OUT/cp.txt" >/dev/null
CP="target/classes:$(cat "$OUT/cp.txt")"
JVM=(-Xmx2g -Dorg.slf4j.simpleLogger.defaultLogLevel=warn)

dl4j() { # variant model
  local extra=()
  if [ "$1" = naive ]; then extra=(-Ddl4jzoo.engine=naive); else read -ra extra <<<"${JAVA_OPTS:-}"; fi
  java "${JVM[@]}" "${extra[@]}" -cp "$CP" io.github.dl4jzoo.bench.PeerRun "$2" "$WARM" "$MAXB" 2>&1 |
    grep -E '^(RESULT|INFO engine)' || echo "RESULT failed"
}
torch() { # threads model
  TORCH_THREADS=$1 /usr/bin/python3 "$PEER" "$2" "$WARM" "$MAXB" 2>&1 | grep '^RESULT' || echo "RESULT failed"
}
field() { grep -oE "(^| )$1=[^ ]+" | cut -d= -f2; }
median() { sort -g | awk '{a[NR]=$1} END {if (NR==0) print "nan"; else if (NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }

for m in $MODELS; do
  for r in $(seq "$ROUNDS"); do
    [ -n "${NAIVE:-}" ] && dl4j naive "$m" | tee -a "$OUT/$m.naive" | grep RESULT >&2
    dl4j tuned "$m" | tee -a "$OUT/$m.tuned" | grep RESULT >&2
    for t in $TT; do torch "$t" "$m" | tee -a "$OUT/$m.torch$t" >&2; done
  done
done
grep -h 'INFO engine' "$OUT"/*.tuned | head -1

echo
echo "| model | variant | samples/s (median) | runs | test_acc | eval samples/s | PyTorch best / this |"
echo "|---|---|---|---|---|---|---|"
for m in $MODELS; do
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
    ev=$(grep RESULT "$OUT/$m.$f" | field eval_samples_per_s | median)
    name=$f; case $f in naive) name="DL4J naive";; tuned) name="DL4J tuned";; torch*) name="PyTorch ${f#torch}T";; esac
    ratio=$(awk -v a="$best" -v b="$sps" 'BEGIN{printf "%.2f", (b>0)?a/b:0}')
    echo "| $m | $name | $sps | $all| $acc | $ev | $ratio |"
  done
done
rm -rf "$OUT"
