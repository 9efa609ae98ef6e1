#!/usr/bin/env bash
# The paper's protocol measured end to end (issue 11): repro.profile=paper on the paper-sized phantom set
# (2,881 images, 1024 x 1280 JPEG, the paper's class counts), six backbones x 5 splits unless told otherwise.
# Generates the set first if it is missing (target/paper-phantoms, not committed). Writes the run's report folder
# with timings.json (per-stage wall times, images/s, peak resident memory, CPU, cores, memory, versions), which the
# page's "where the run's time went" section shows.
#
#   bench/paper-protocol.sh [--backbones ID,ID] [--splits N] [--data DIR] [--report DIR] [-Drepro.SETTING=VALUE ...]
#
# Any -D argument goes through to the run, e.g. -Drepro.weights=random where Keras' ImageNet files are not here, or
# -Drepro.progress=lines. The JVM is Maven's: give it memory with MAVEN_OPTS (e.g. MAVEN_OPTS=-Xmx12g).
# The whole protocol takes hours on a laptop-class CPU; one backbone and one split take minutes.
set -euo pipefail
cd "$(dirname "$0")/.."

data=target/paper-phantoms
report=reports/paper-protocol
backbones=""
splits=5
passed=()
while [ $# -gt 0 ]; do
  case "$1" in
    --backbones) backbones="$2"; shift 2 ;;
    --splits) splits="$2"; shift 2 ;;
    --data) data="$2"; shift 2 ;;
    --report) report="$2"; shift 2 ;;
    -D*) passed+=("$1"); shift ;;
    -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
    *) echo "paper-protocol.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done

# libgomp's spin-waiting threads stall each other on shared cores (as the test plugins set it).
export OMP_WAIT_POLICY="${OMP_WAIT_POLICY:-PASSIVE}"
# One malloc arena: glibc gives every thread but the process's first its own arena, which maps blocks over 64 MiB
# afresh and unmaps them again on every free, so each large activation of each batch pays a page fault per 4 KiB.
# The JVM runs all its code on such threads. Measured on 48 paper-sized images (2-core AMD EPYC, Zen 5):
# NASNetLarge 0.8 -> 1.6 images/s, RegNet 7.0 -> 19.0, MobileNetV3 8.1 -> 11.8, ResNet152 2.4 -> 3.0.
# It only moves where the bytes live; results are unchanged (train.NativeHeap).
export MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-1}"

./mvnw -q compile
if [ ! -f "$data/README.md" ]; then
  echo "paper-protocol.sh: generating the paper-sized phantom set in $data" >&2
  ./mvnw -q exec:java -Dexec.args="generate-paper-phantoms $data" "${passed[@]}"
fi

settings=(-Drepro.profile=paper "-Drepro.dataset=$(cd "$data" && pwd)" "-Drepro.reportDir=$report" "-Drepro.splits=$splits")
if [ -n "$backbones" ]; then
  settings+=("-Drepro.backbones=$backbones")
fi
./mvnw -q exec:java -Dexec.args="run" "${settings[@]}" "${passed[@]}"
echo "paper-protocol.sh: timings in $report/timings.json, shown in $report/index.html#timings" >&2
