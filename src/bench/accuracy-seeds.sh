#!/usr/bin/env bash
# One-epoch test accuracy of the peer networks over several seeds, DL4J (io.github.dl4jzoo.bench.PeerRun with
# -Dpeer.seed) against PyTorch (../shared/peer/pytorch_peer.py), on full Fashion-MNIST, batches in file order on
# both sides: the seed only draws the initial weights. The forecasters (mlp-forecast, lstm-forecast) compare test
# RMSE in ppm on the embedded CO2 series: `zoo train NAME --set seed=N` against pytorch_forecast_peer.py. Prints
# each run, then per model and side the mean and sample standard deviation, and the mean gap (PyTorch - DL4J), in
# accuracy points or ppm.
# The peers seed torch with 123 on import and take no seed; each is imported here and re-seeded before its main()
# (the peers themselves are not changed). Accuracy does not depend on load, so this may run on a busy machine.
#
# Usage: src/bench/accuracy-seeds.sh [models...]   (default: lstm mlp lenet keras; also mlp-forecast lstm-forecast)
# Env:   SEEDS="1 2 3 4 5"   PEER_DIR=../shared/peer   FM_DIR as the peer   JAVA_OPTS extra JVM options
#        ZOO_SET="weightInit=uniform" more --set values for the zoo's forecasters
set -euo pipefail
cd "$(dirname "$0")/../.."
MODELS=${*:-lstm mlp lenet keras}
SEEDS=${SEEDS:-1 2 3 4 5}
PEER_DIR=${PEER_DIR:-$(pwd)/../shared/peer}
[ -f "$PEER_DIR/pytorch_peer.py" ] || { echo "accuracy-seeds: $PEER_DIR/pytorch_peer.py: no such file (set PEER_DIR)" >&2; exit 2; }
if [[ -n ${ZOO_SET:-} ]]; then
  for m in $MODELS; do
    [[ $m == *-forecast ]] || { echo "accuracy-seeds: ZOO_SET applies to the zoo's forecasters only, not to $m" >&2; exit 2; }
  done
fi
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT
mvn -B -q -o -Dstyle.color=never compile -Dspotless.check.skip=true
mvn -B -q -o -Dstyle.color=never dependency:build-classpath -Dmdep.outputFile="$OUT/cp.txt" >/dev/null
CP="target/classes:$(cat "$OUT/cp.txt")"
read -ra EXTRA <<<"${JAVA_OPTS:-}"

acc() { # the test_acc (test_rmse for forecasters) of the run's RESULT line in $OUT/log, nan when the run failed
  grep -h '^RESULT' "$OUT/log" | grep -oE 'test_(acc|rmse)=[0-9.]+' | cut -d= -f2 | grep . || echo nan
}
CO2=src/main/resources/io/github/dl4jzoo/data/co2/co2-concentration.csv
dl4j() { # model seed
  if [[ $1 == *-forecast ]]; then
    read -ra SETS <<<"${ZOO_SET:-}"
    ./zoo train "$1" --set seed="$2" ${SETS[@]/#/--set=} --verbose 0 --out "$OUT/run" --overwrite 2>&1 |
      grep -oE 'test RMSE [0-9.]+' | sed 's/test RMSE /RESULT test_rmse=/' >"$OUT/log" || true
    acc
    return
  fi
  java -Xmx2g -Dorg.bytedeco.javacpp.maxPhysicalBytes=0 -XX:+UseSerialGC -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
    "${EXTRA[@]}" -Dpeer.seed="$2" -cp "$CP" io.github.dl4jzoo.bench.PeerRun "$1" 0 >"$OUT/log" 2>&1 || true
  acc
}
torch() { # model seed
  local peer=pytorch_peer args="\"$1\", \"0\""
  if [[ $1 == *-forecast ]]; then
    peer=pytorch_forecast_peer args="\"${1%-forecast}\", \"$CO2\""
  fi
  PYTHONDONTWRITEBYTECODE=1 TORCH_THREADS=1 /usr/bin/python3 -c "
import sys, torch
sys.path.insert(0, sys.argv[1])
import $peer
torch.manual_seed(int(sys.argv[2]))
sys.argv = ['$peer.py', $args]
$peer.main()" "$PEER_DIR" "$2" >"$OUT/log" 2>&1 || true
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
echo "| model | seeds | DL4J mean (sd) | PyTorch mean (sd) | mean gap, points or ppm (PyTorch - DL4J) |"
echo "|---|---|---|---|---|"
for m in $MODELS; do
  awk -v m="$m" -v seeds="$SEEDS" '
    {a[NR]=$1; b[NR]=$2; sa+=$1; sb+=$2}
    END {ma=sa/NR; mb=sb/NR
         for (i=1;i<=NR;i++) {va+=(a[i]-ma)^2; vb+=(b[i]-mb)^2}
         d=(NR>1)?NR-1:1
         gap=(m ~ /-forecast$/) ? mb-ma : 100*(mb-ma)
         printf "| %s | %s | %.4f (%.4f) | %.4f (%.4f) | %.2f |\n", m, seeds, ma, sqrt(va/d), mb, sqrt(vb/d), gap}' "$OUT/$m"
done
echo "1-minute load average at the end: $(cut -d' ' -f1 /proc/loadavg)"
