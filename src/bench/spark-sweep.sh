#!/usr/bin/env bash
# The Spark sweep benchmark: 4 equal runs (mlp x 2 learning rates x 2 seeds, 1 epoch on the embedded sample) as a
# sweep in local[2] against the same 4 runs one after another in one process (local[1]), alternating, ROUNDS
# times. Prints each wall time, the ratio of the medians, Spark's start-up seconds as the sweep logs them, and the
# load average before and after (a contended machine makes every figure slower, and the ratio less telling).
set -euo pipefail
cd "$(dirname "$0")/../.."
rounds="${ROUNDS:-3}"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
./zoo sweep mlp --epochs 1 --master 'local[1]' --out "$out/warm" >/dev/null # builds both jars once
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
walls_2=""
walls_1=""
for r in $(seq "$rounds"); do
  for master in 'local[2]' 'local[1]'; do
    dir="$out/$r-${master//[^0-9]/}"
    start=$(date +%s.%N)
    ./zoo sweep mlp --grid updater.lr=0.001,0.003 --seeds 2 --epochs 1 --master "$master" --out "$dir" > "$dir.log"
    wall=$(echo "$(date +%s.%N) - $start" | bc)
    startup=$(sed -n 's/.*Spark started in \([0-9.]*\) s.*/\1/p' "$dir.log")
    printf '%s round %d: wall %.1f s, Spark start-up %s s\n' "$master" "$r" "$wall" "$startup"
    if [[ "$master" == "local[2]" ]]; then walls_2+="$wall "; else walls_1+="$wall "; fi
  done
done
median() { tr ' ' '\n' | grep . | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
two=$(echo "$walls_2" | median)
one=$(echo "$walls_1" | median)
printf 'median wall: local[2] %.1f s, local[1] %.1f s, ratio %.2f\n' "$two" "$one" "$(echo "$two / $one" | bc -l)"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
