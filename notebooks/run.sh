#!/usr/bin/env bash
# Generates the notebooks from notebooks/src and executes them headless with the Java kernel, writing each
# executed notebook back to notebooks/ (only when every cell ran). Exits non-zero if any cell fails.
#
#   notebooks/run.sh                  all notebooks
#   notebooks/run.sh 04-worked-examples   some of them (names without .ipynb)
#   notebooks/run.sh --setup          only install and register the kernel (to open the notebooks in Jupyter)
#
# Needs Java 17 and Maven; installs Debian's nbconvert and ipykernel when missing (as root), fetches the
# rapaio Java kernel from Maven Central, and builds target/zoo.jar when it is missing or older than the sources.
set -euo pipefail
home="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
nb="$home/notebooks"
cd "$home"

kernel_version=3.0.1
kernel_dir="$nb/.kernel"
kernel_jar="$kernel_dir/rapaio-jupyter-kernel-$kernel_version.jar"
build="$nb/.build"
# One cell may train for minutes on a busy 2-core machine; nbconvert's default is 30 s.
cell_timeout_s=1200

setup_only=false
names=()
for a in "$@"; do
  case "$a" in
    --setup) setup_only=true ;;
    -h|--help) sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) names+=("${a%.ipynb}") ;;
  esac
done

# Debian packages: the notebook runner and the Jupyter protocol client; fonts, as the plots carry text.
packages=(jupyter-nbconvert python3-ipykernel fontconfig fonts-dejavu-core)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  if [[ $(id -u) -ne 0 ]]; then
    echo "notebooks: missing Debian packages ${missing[*]}: install them (as root) and run again" >&2
    exit 2
  fi
  echo "notebooks: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q
  apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

# Maven, quiet: its output (colour codes even with -q) is shown only when it fails.
mvn_quiet() {
  local out
  if ! out=$(mvn -B -q "$@" 2>&1); then
    echo "$out" >&2
    echo "notebooks: mvn $* failed" >&2
    exit 1
  fi
}

mkdir -p "$kernel_dir"
if [[ ! -f "$kernel_jar" ]]; then
  echo "notebooks: fetching io.github.padreati:rapaio-jupyter-kernel:$kernel_version"
  mvn_quiet dependency:copy -Dartifact="io.github.padreati:rapaio-jupyter-kernel:$kernel_version" \
    -DoutputDirectory="$kernel_dir"
fi

jar="$home/target/zoo.jar"
if [[ ! -f "$jar" || -n "$(find "$home/pom.xml" "$home/src/main" -newer "$jar" -print -quit)" ]]; then
  echo "notebooks: building $jar"
  mvn_quiet -DskipTests -Dspotless.check.skip=true package
fi

# The kernel spec, with this checkout's absolute paths (so it is written here, not committed). The zoo's classes
# reach the kernel through RJK_CLASSPATH; the shaded jar holds this host's natives only. One OpenMP thread:
# these small networks train 5-20x faster than with two threads spinning on a shared 2-core machine.
spec="$kernel_dir/kernels/dl4j-zoo"
mkdir -p "$spec"
python3 - "$spec/kernel.json" "$kernel_jar" "$jar" "$home" <<'EOF'
import json, sys
path, kernel_jar, zoo_jar, home = sys.argv[1:]
json.dump({
    "argv": ["java", "-Xmx4g", "-Djava.awt.headless=true", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
             "-Ddl4jzoo.home=" + home, "-jar", kernel_jar, "{connection_file}"],
    "display_name": "Java (dl4j-zoo)",
    "language": "java",
    "interrupt_mode": "message",
    "env": {"RJK_CLASSPATH": zoo_jar, "OMP_NUM_THREADS": "1"},
}, open(path, "w"), indent=1)
EOF
export JUPYTER_PATH="$kernel_dir${JUPYTER_PATH:+:$JUPYTER_PATH}"
if $setup_only; then
  echo "notebooks: kernel 'dl4j-zoo' registered in $kernel_dir; open the notebooks with"
  echo "  JUPYTER_PATH=$kernel_dir jupyter lab $nb    (or: jupyter kernelspec install --user $spec)"
  exit 0
fi

rm -rf "$build"
python3 "$nb/build.py" --out "$build" >/dev/null
if ((${#names[@]} == 0)); then
  for f in "$build"/*.ipynb; do names+=("$(basename "$f" .ipynb)"); done
fi

# The kernel (3.0.1) has two start-up races. It starts its channel threads before it registers their handlers,
# and a request arriving in between kills the shell thread: kernel_ready.py (nbconvert's executor, waiting until
# the kernel listens before it connects) closes that gap. And each channel thread may read its 'running' flag
# before the starting thread has set it, and end at once, leaving a kernel that never answers or one that exits.
# So a notebook whose kernel died, or had not answered within $startup_timeout_s s, at start-up is run again, up
# to $start_attempts times; a failing cell is never retried. Custom preprocessors run after nbconvert's own, so the
# merging of a cell's consecutive prints into one output is named again after it.
startup_timeout_s=20
start_attempts=4
execute() {
  local name="$1" log="$2" attempt status
  : >"$log"
  for ((attempt = 1; attempt <= start_attempts; attempt++)); do
    status=0
    PYTHONPATH="$nb${PYTHONPATH:+:$PYTHONPATH}" jupyter nbconvert --to notebook \
        --Exporter.preprocessors=kernel_ready.ReadyKernelExecutePreprocessor \
        --Exporter.preprocessors=nbconvert.preprocessors.coalesce_streams \
        --ExecutePreprocessor.kernel_name=dl4j-zoo --ExecutePreprocessor.timeout=$cell_timeout_s \
        --ExecutePreprocessor.startup_timeout=$startup_timeout_s \
        --output-dir "$build/executed" "$build/$name.ipynb" >"$log.attempt" 2>&1 || status=$?
    cat "$log.attempt" >>"$log"
    ((status == 0)) && return 0
    grep -q -E "Kernel didn't respond|Kernel died before replying" "$log.attempt" || return 1
    echo "notebooks: $name: the kernel did not start (attempt $attempt of $start_attempts)" >&2
  done
  return 1
}

mkdir -p "$build/executed" "$kernel_dir/logs"
failed=()
started=$SECONDS
for name in "${names[@]}"; do
  if [[ ! -f "$build/$name.ipynb" ]]; then
    echo "notebooks: no source notebooks/src/$name.md" >&2
    failed+=("$name")
    continue
  fi
  t0=$SECONDS
  log="$kernel_dir/logs/$name.log"
  if execute "$name" "$log"; then
    python3 "$nb/build.py" --tidy "$build/executed/$name.ipynb" "$nb" >/dev/null
    echo "notebooks: $name ran in $((SECONDS - t0)) s"
  else
    echo "notebooks: $name FAILED after $((SECONDS - t0)) s; the end of $log:" >&2
    grep -v -E '^\[[0-9-]+ [0-9:]+\] \[(INFO|SEVERE) ' "$log" | tail -n 25 >&2
    failed+=("$name")
  fi
done
echo "notebooks: ${#names[@]} notebook(s) in $((SECONDS - started)) s"
if ((${#failed[@]})); then
  echo "notebooks: failed: ${failed[*]}" >&2
  exit 1
fi
