#!/usr/bin/env bash
# Streams DSL benchmarks: Kafka Streams 4.3.1's TopologyTestDriver vs Sluice's, in ONE JMH run, same topologies
# (word count, 1-minute tumbling count, stream-table join, stateless filter+mapValues), same seeded data, each
# stateful one with RocksDB and in-memory stores. Runs every benchmark under io.sluice.benchmarks.streams.kafka and
# .sluice (whichever exist), holding the build lock, then prints Kafka vs Sluice side by side.
#
#   benchmarks/run-streams.sh                                      # everything, ~3 minutes per driver
#   JMH_OPTS="-f 1 -wi 1 -w 1s -i 2 -r 2s" benchmarks/run-streams.sh   # smoke run
#   BENCH=WordCount STORES=in_memory benchmarks/run-streams.sh    # one topology, one store type
#
# Environment:
#   JMH_OPTS    forks/warmup/measurement (default: -f 1 -wi 2 -w 3s -i 5 -r 3s)
#   JVM_ARGS    options of the forked JVM (default: -Xms1g -Xmx1g)
#   BENCH       regex narrowing the benchmarks, matched after "streams.(kafka|sluice)." (default: all)
#   STORES      storeType values, comma separated (default: rocksdb,in_memory)
#   SLUICE_BENCH_LOCK  lock shared with mvnl (default: /tmp/sluice-mvn.lock)
#   OUT         results directory (default: benchmarks/target/streams-results/<timestamp>)
# State directories go to the OS temp dir (java.io.tmpdir: -Djava.io.tmpdir=... in JVM_ARGS moves them), one per
# trial, deleted after it.
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$PWD
JAR=benchmarks/target/benchmarks.jar
LOCK=${SLUICE_BENCH_LOCK:-/tmp/sluice-mvn.lock}
JMH_OPTS=${JMH_OPTS:--f 1 -wi 2 -w 3s -i 5 -r 3s}
JVM_ARGS=${JVM_ARGS:--Xms1g -Xmx1g}
BENCH=${BENCH:-}
STORES=${STORES:-rocksdb,in_memory}
OUT=${OUT:-$ROOT/benchmarks/target/streams-results/$(date +%Y%m%d-%H%M%S)}
MVN=mvn
command -v mvnl >/dev/null 2>&1 && MVN=mvnl

command -v jq >/dev/null || { echo "run-streams.sh needs jq (apt-get install jq)" >&2; exit 1; }

# Build when the jar is missing or older than any source it is made of (benchmarks and the modules it depends on).
# mvnl takes the lock itself, so the build happens before we take it for the measurements.
if [[ ! -f $JAR ]] || [[ -n $(find pom.xml benchmarks/pom.xml benchmarks/src/main log-core/pom.xml log-core/src/main \
        streams-dsl/pom.xml streams-dsl/src/main -newer "$JAR" -type f 2>/dev/null | head -1) ]]; then
    echo "== building benchmarks and the modules it depends on"
    $MVN -B -q -o install -DskipTests -pl benchmarks -am
fi

mkdir -p "$OUT"
echo "== results in $OUT"

# Both drivers in one JMH invocation: same JVM options, same conditions, results in one JSON.
PATTERN="io\.sluice\.benchmarks\.streams\.(kafka|sluice)\.${BENCH:+.*(}${BENCH}${BENCH:+)}"
exec 9>>"$LOCK"
echo "== waiting for $LOCK"
flock 9
START=$(date +%s)
echo "== java -jar $JAR '$PATTERN' -p storeType=$STORES $JMH_OPTS"
# shellcheck disable=SC2086  # JMH_OPTS is a list of options
java -jar "$JAR" "$PATTERN" -p storeType="$STORES" $JMH_OPTS -jvmArgsAppend "$JVM_ARGS" \
    -rf json -rff "$OUT/streams.json" >"$OUT/streams.log" 2>&1 || { tail -40 "$OUT/streams.log"; exit 1; }
flock -u 9
echo "== benchmark wall time: $(( $(date +%s) - START )) s"
grep -hE ' (ERROR|WARN) ' "$OUT/streams.log" | cut -c1-300 | sort | uniq -c | sort -rn | head -5 || true

jq -r '.[] | [.benchmark, (.params.storeType // "-"), .primaryMetric.score, .primaryMetric.scoreError,
        (.secondaryMetrics.outputs.score // "")] | @tsv' "$OUT/streams.json" >"$OUT/results.tsv"
awk -v FS='\t' -f benchmarks/streams-table.awk "$OUT/results.tsv" | tee "$OUT/table.md"
