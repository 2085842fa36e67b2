#!/usr/bin/env bash
# One-epoch test accuracy of the peer networks over several seeds, DL4J (io.github.dl4jzoo.bench.PeerRun with
# -Dpeer.seed) against PyTorch (../shared/peer/pytorch_peer.py), on full Fashion-MNIST, batches in file order on
# both sides: the seed only draws the initial weights. Prints each run, then per model and side the mean and
# sample standard deviation, and the mean gap (PyTorch - DL4J) in points.
# The peer seeds torch with 123 on import and takes no seed; it is imported here and re-seeded before its main()
# (the peer itself is not changed). Accuracy does not depend on load, so this may run on a busy machine.
#
# Usage: src/bench/accuracy-seeds.sh [models...]   (default: lstm mlp lenet keras)
# Env:   SEEDS="1 2 3 4 5"   PEER_DIR=../shared/peer   FM_DIR as the peer   JAVA_OPTS extra JVM options
set -euo pipefail
cd "$(dirname "$0")/../.."
MODELS=${*:-lstm mlp lenet keras}
SEEDS=${SEEDS:-1 2 3 4 5}
PEER_DIR=${PEER_DIR:-$(pwd)/../shared/peer}
[ -f "$PEER_DIR/pytorch_peer.py" ] || { echo "accuracy-seeds: $PEER_DIR/pytorch_peer.py: no such file (set PEER_DIR)" >&2; exit 2; }
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT
mvn -B -q -o -Dstyle.color=never compile -Dspotless.check.skip=true
mvn -B -q -o -Dstyle.color=never dependency:build-classpath -Dmdep.outputFile="$OUT/cp.txt" >/dev/null
CP="target/classes:$(cat "$OUT/cp.txt")"
read -ra EXTRA <<<"${JAVA_OPTS:-}"

acc() { # the test_acc of the run's RESULT line in $OUT/log, nan when the run failed
  grep -h '^RESULT' "$OUT/log" | grep -oE 'test_acc=[0-9.]+' | cut -d= -f2 | grep . || echo nan
}
dl4j() { # model seed
  java -Xmx2g -Dorg.bytedeco.javacpp.maxPhysicalBytes=0 -XX:+UseSerialGC -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
    "${EXTRA[@]}" -Dpeer.seed="$2" -cp "$CP" io.github.dl4jzoo.bench.PeerRun "$1" 0 >"$OUT/log" 2>&1 || true
  acc
}
torch() { # model seed
  PYTHONDONTWRITEBYTECODE=1 TORCH_THREADS=1 /usr/bin/python3 -c '
import sys, torch
sys.path.insert(0, sys.argv[1])
import pytorch_peer
torch.manual_seed(int(sys.argv[2]))
sys.argv = ["pytorch_peer.py", sys.argv[3], "0"]
pytorch_peer.main()' "$PEER_DIR" "$2" "$1" >"$OUT/log" 2>&1 || true
  acc
}

echo "1-minute load average at the start: $(cut -d' ' -f1 /proc/loadavg)"
for m in $MODELS; do
  for s in $SEEDS; do
    d=$(dl4j "$m" "$s")
    t=$(torch "$m" "$s")
    echo "$m seed $s: DL4J $d PyTorch $t"
    echo "$d $t" >>"$OUT/$m"
  done
done
echo
echo "| model | seeds | DL4J mean (sd) | PyTorch mean (sd) | mean gap, points (PyTorch - DL4J) |"
echo "|---|---|---|---|---|"
for m in $MODELS; do
  awk -v m="$m" -v seeds="$SEEDS" '
    {a[NR]=$1; b[NR]=$2; sa+=$1; sb+=$2}
    END {ma=sa/NR; mb=sb/NR
         for (i=1;i<=NR;i++) {va+=(a[i]-ma)^2; vb+=(b[i]-mb)^2}
         d=(NR>1)?NR-1:1
         printf "| %s | %s | %.4f (%.4f) | %.4f (%.4f) | %.2f |\n", m, seeds, ma, sqrt(va/d), mb, sqrt(vb/d), 100*(mb-ma)}' "$OUT/$m"
done
echo "1-minute load average at the end: $(cut -d' ' -f1 /proc/loadavg)"
