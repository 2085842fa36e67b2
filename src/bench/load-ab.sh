#!/usr/bin/env bash
# Times the Fashion-MNIST load (io.github.dl4jzoo.bench.LoadBenchmark, "INFO data load X s") of one or more
# zoo jars and the PyTorch peer's own load (../shared/peer/pytorch_peer.py mlp 20 30) alternately, one line a
# round: the 1-minute load average read before the round, then each figure. The JVM gets the launcher's heap,
# collector and malloc setting. Only compare numbers from one run of this script.
#
# Usage: src/bench/load-ab.sh NAME=JAR [NAME=JAR...]   e.g. main=/tmp/main.jar branch=target/zoo.jar
# Env:   ROUNDS=6   rounds
#        PEER=../shared/peer/pytorch_peer.py   FM_DIR as the peer (default /usr/share/datasets/fashion-mnist)
set -euo pipefail
cd "$(dirname "$0")/../.."
[[ $# -gt 0 ]] || { echo "usage: $0 NAME=JAR [NAME=JAR...]" >&2; exit 2; }
ROUNDS=${ROUNDS:-6}
PEER=${PEER:-$(pwd)/../shared/peer/pytorch_peer.py}
DIR=${FM_DIR:-/usr/share/datasets/fashion-mnist}
export GLIBC_TUNABLES=glibc.malloc.hugetlb=1
jvm=(java -Xlog:cds=off -Xlog:cds+dynamic=off -Xmx2g -Dorg.bytedeco.javacpp.maxPhysicalBytes=0 -XX:+UseSerialGC
  -Xmn64m)
seconds() { grep -o "data load [0-9.]* s" | grep -o "[0-9.]*" || echo failed; }
for ((round = 1; round <= ROUNDS; round++)); do
  line="$(date -u +%H:%M:%S) load $(cut -d' ' -f1 /proc/loadavg)"
  for pair in "$@"; do
    line+="  ${pair%%=*} $({ "${jvm[@]}" -cp "${pair#*=}" io.github.dl4jzoo.bench.LoadBenchmark "$DIR" 2>/dev/null || true; } | seconds)"
  done
  line+="  peer $({ FM_DIR="$DIR" /usr/bin/python3 "$PEER" mlp 20 30 2>/dev/null || true; } | seconds)"
  echo "$line"
done
