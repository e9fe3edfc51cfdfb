#!/usr/bin/env bash
# Storage engine vs this machine's ceiling (issue 2): runs AppendBenchmark, RawFileChannelBenchmark and
# ReadBenchmark back to back while holding the shared build lock, then prints Sluice vs raw FileChannel MB/s.
#
#   benchmarks/run-storage.sh                 # build if needed, run everything (~6 minutes)
#   JMH_OPTS="-f 1 -wi 1 -w 1s -i 2 -r 2s" benchmarks/run-storage.sh   # quicker, noisier
#
# Environment:
#   JMH_OPTS           forks/warmup/measurement (default: -f 1 -wi 2 -w 2s -i 5 -r 2s)
#   SLUICE_BENCH_DIR   where logs and raw files are written: must be on the disk under test
#                      (default: benchmarks/target/bench-data); each trial deletes what it wrote
#   SLUICE_BENCH_LOCK  lock file shared with mvnl (default: /tmp/sluice-mvn.lock)
#   OUT                results directory (default: benchmarks/target/storage-results/<timestamp>)
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$PWD
JAR=benchmarks/target/benchmarks.jar
LOCK=${SLUICE_BENCH_LOCK:-/tmp/sluice-mvn.lock}
JMH_OPTS=${JMH_OPTS:--f 1 -wi 2 -w 2s -i 5 -r 2s}
DATA=${SLUICE_BENCH_DIR:-$ROOT/benchmarks/target/bench-data}
OUT=${OUT:-$ROOT/benchmarks/target/storage-results/$(date +%Y%m%d-%H%M%S)}
MVN=mvn
command -v mvnl >/dev/null 2>&1 && MVN=mvnl

command -v jq >/dev/null || { echo "run-storage.sh needs jq (apt-get install jq)" >&2; exit 1; }

# Build when the jar is missing or older than any source it is made of. mvnl takes the lock itself, so the
# build happens before we take it for the measurements.
if [[ ! -f $JAR ]] || [[ -n $(find log-core/src/main benchmarks/src/main benchmarks/pom.xml log-core/pom.xml \
        -newer "$JAR" -type f 2>/dev/null | head -1) ]]; then
    echo "== building log-core and benchmarks"
    $MVN -B -q -o install -DskipTests -pl log-core -am
    $MVN -B -q -o package -pl benchmarks
fi

mkdir -p "$OUT" "$DATA"
echo "== results in $OUT, data in $DATA"

run_jmh() { # name, then JMH arguments
    local name=$1
    shift
    echo "== $name: $*"
    # shellcheck disable=SC2086  # JMH_OPTS is a list of options
    java -Dsluice.bench.dir="$DATA" -jar "$JAR" "$@" $JMH_OPTS -jvmArgsAppend "-Dsluice.bench.dir=$DATA" \
        -rf json -rff "$OUT/$name.json" >"$OUT/$name.log" 2>&1 || { tail -40 "$OUT/$name.log"; exit 1; }
    grep -E '^(Append|Raw|Read)' "$OUT/$name.log" | grep -v ':failures' || true
}

measure() {
    run_jmh append-t1 'storage.AppendBenchmark' -t 1
    run_jmh append-t8 'storage.AppendBenchmark' -t 8 -p flush=groupCommit
    run_jmh raw 'storage.RawFileChannelBenchmark' -t 1
    run_jmh read 'storage.ReadBenchmark' -t 1
}

# Hold the build lock for the whole comparison: nobody's build distorts the numbers, and Sluice and its
# baseline are measured under the same conditions.
exec 9>>"$LOCK"
echo "== waiting for $LOCK"
flock 9
START=$(date +%s)
measure
flock -u 9
echo "== benchmark wall time: $(( $(date +%s) - START )) s"

# One line per result: benchmark threads shape flush groupSize fetchBytes bytes/s error failures/s
jq -r -s 'add[] | [(.benchmark | split(".") | .[-2:] | join(".")), .threads, .params.shape,
        (.params.flush // "-"), (.params.groupSize // "-"), (.params.fetchBytes // "-"),
        .secondaryMetrics.bytes.score, .secondaryMetrics.bytes.scoreError,
        .secondaryMetrics.failures.score] | @tsv' \
    "$OUT"/append-t1.json "$OUT"/append-t8.json "$OUT"/raw.json "$OUT"/read.json >"$OUT/results.tsv"

group_size() { # shape: mean batches per fsync over the 8-thread group-commit iterations
    grep -h "\[group-commit\] shape=$1 " "$OUT/append-t8.log" \
        | sed 's/.*batches\/fsync=//' | awk '{ s += $1; n++ } END { if (n) printf "%.1f", s / n; else print "?" }'
}

awk -v FS='\t' -v gs16="$(group_size 16x100)" -v gs1k="$(group_size 1x1024)" '
function key(b, t, s, f, g, fb) { return b "|" t "|" s "|" f "|" g "|" fb }
{ bytes[key($1, $2, $3, $4, $5, $6)] = $7; err[key($1, $2, $3, $4, $5, $6)] = $8; fail += $9 }
function row(label, sk, rk, target,   s, r, ratio, met) {
    if (!(sk in bytes) || !(rk in bytes)) { printf "| %s | missing | missing | | | |\n", label; return }
    s = bytes[sk]; r = bytes[rk]; ratio = 100 * s / r
    met = target == "" ? "n/a" : (ratio >= target ? "yes" : "**no**")
    printf "| %s | %.1f ± %.1f | %.1f ± %.1f | %.0f %% | %s | %s |\n", label, s / 1e6, err[sk] / 1e6, r / 1e6,
        err[rk] / 1e6, ratio, target == "" ? "-" : "≥ " target " %", met
}
END {
    print "| scenario | Sluice MB/s | raw MB/s | ratio | target | met? |"
    print "|---|---:|---:|---:|---|---|"
    for (i = 0; i < 2; i++) {
        s = i == 0 ? "16x100" : "1x1024"
        row("append " s ", flush never, 1 thread  vs  raw write", key("AppendBenchmark.append", 1, s, "never", "-", "-"),
            key("RawFileChannelBenchmark.write", 1, s, "-", "-", "-"), 80)
    }
    for (i = 0; i < 2; i++) {
        s = i == 0 ? "16x100" : "1x1024"
        row("append " s ", group commit, 1 thread  vs  raw write+fsync per batch",
            key("AppendBenchmark.append", 1, s, "groupCommit", "-", "-"),
            key("RawFileChannelBenchmark.writeGroupAndForce", 1, s, "-", 1, "-"), "")
    }
    for (i = 0; i < 2; i++) {
        s = i == 0 ? "16x100" : "1x1024"
        g = i == 0 ? gs16 : gs1k
        row("append " s ", group commit, 8 threads (" g " batches/fsync)  vs  raw write 8 batches+fsync",
            key("AppendBenchmark.append", 8, s, "groupCommit", "-", "-"),
            key("RawFileChannelBenchmark.writeGroupAndForce", 1, s, "-", 8, "-"), 50)
        row("append " s ", group commit, 8 threads  vs  raw write, no fsync",
            key("AppendBenchmark.append", 8, s, "groupCommit", "-", "-"),
            key("RawFileChannelBenchmark.write", 1, s, "-", "-", "-"), "")
    }
    for (i = 0; i < 2; i++) {
        s = i == 0 ? "16x100" : "1x1024"
        for (j = 0; j < 2; j++) {
            fb = j == 0 ? 65536 : 1048576
            row("sequential read " s ", " fb / 1024 " KiB per read  vs  raw read",
                key("ReadBenchmark.sluiceRead", 1, s, "-", "-", fb), key("ReadBenchmark.rawRead", 1, s, "-", "-", fb), 80)
        }
    }
    printf "\nMB = 10^6 bytes of record batches per second, ± JMH 99.9%% error. Failed operations: %d/s.\n", fail
}' "$OUT/results.tsv" | tee "$OUT/table.md"
