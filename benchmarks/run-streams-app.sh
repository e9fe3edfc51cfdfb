#!/usr/bin/env bash
# End-to-end word count on a real broker (issue 5): Sluice's StreamsApp vs Kafka Streams 4.3.1 on Apache Kafka
# 4.3.1, same topology (WordCountTopology and its Sluice twin), same seeded input, same settings (1 stream thread,
# RocksDB store, 4 partitions, the libraries' default commit.interval.ms unless COMMIT_MS is set). For each system
# in turn, one JVM each (io.sluice.benchmarks.streams.app.*WordCountRun, steps in EndToEndRun's javadoc):
#   - pre-load LINES lines (8 words each) into the input topic with a producer
#   - start the app, time until the counts topic holds every word's final count → lines/s, words/s
#   - read the store's changelog size, close the app, delete its task directories, restart it and time the
#     restore → MB/s (changelog key+value bytes) and records/s; then produce EXTRA more lines and check the counts
#     continue from the restored ones
# Systems: "sluice" = StreamsApp without bootstrap.servers (its embedded broker, same JVM); "sluice-broker" =
# StreamsApp against a Sluice broker in its own process (SluiceBrokerMain); "kafka" = KafkaStreams against Apache
# Kafka 4.3.1 (kafka/start-kafka.sh). Holds the build lock while measuring, then prints the side-by-side table.
#
#   benchmarks/run-streams-app.sh                                   # 1,000,000 lines, all three systems
#   LINES=50000 EXTRA=1000 benchmarks/run-streams-app.sh            # smoke run
#   SYSTEMS=kafka COMMIT_MS=100 benchmarks/run-streams-app.sh       # one system, another commit interval
#
# Environment:
#   LINES, EXTRA     lines pre-loaded (default 1000000) and produced after the restore (default 10000)
#   SYSTEMS          "sluice sluice-broker kafka" (default) or a subset
#   COMMIT_MS        commit.interval.ms for both apps (default: unset, each library's default, 30000 in both)
#   TIMEOUT_S        what each step may take (default 600)
#   JVM_OPTS         options of every JVM: drivers and brokers (default: kafka-server-start.sh's, -Xmx1G)
#   SLUICE_BENCH_DIR broker data and state dirs (default benchmarks/target/streams-app-bench), deleted per system
#   SLUICE_BENCH_LOCK lock shared with mvnl (default /tmp/sluice-mvn.lock)
#   OUT              results (default benchmarks/target/streams-app-results/<timestamp>)
# Port 9092 (and 9093 for Kafka's controller) must be free.
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$PWD
JAR=$ROOT/benchmarks/target/benchmarks.jar
LOCK=${SLUICE_BENCH_LOCK:-/tmp/sluice-mvn.lock}
LINES=${LINES:-1000000}
EXTRA=${EXTRA:-10000}
SYSTEMS=${SYSTEMS:-sluice sluice-broker kafka}
TIMEOUT_S=${TIMEOUT_S:-600}
COMMIT_MS=${COMMIT_MS:-}
JVM_OPTS=${JVM_OPTS:--Xmx1G -Xms1G -server -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:InitiatingHeapOccupancyPercent=35 -XX:+ExplicitGCInvokesConcurrent -Djava.awt.headless=true}
DATA=${SLUICE_BENCH_DIR:-$ROOT/benchmarks/target/streams-app-bench}
OUT=${OUT:-$ROOT/benchmarks/target/streams-app-results/$(date +%Y%m%d-%H%M%S)}
PORT=9092
MVN=mvn
command -v mvnl >/dev/null 2>&1 && MVN=mvnl

# Builds and downloads take the lock themselves (mvnl): do them before we hold it for the measurements.
if [[ ! -f $JAR ]] || [[ -n $(find pom.xml benchmarks/pom.xml benchmarks/src/main log-core/pom.xml log-core/src/main \
        streams-dsl/pom.xml streams-dsl/src/main -newer "$JAR" -type f 2>/dev/null | head -1) ]]; then
    echo "== building benchmarks and the modules it depends on"
    $MVN -B -q -o install -DskipTests -pl benchmarks -am
fi
if [[ $SYSTEMS == *kafka* && ! -f benchmarks/kafka/target/kafka-libs/kafka_2.13-4.3.1.jar ]]; then
    echo "== resolving Kafka 4.3.1 from Maven Central"
    $MVN -B -q -f benchmarks/kafka/pom.xml dependency:copy-dependencies -DincludeScope=runtime \
        -DoutputDirectory="$ROOT/benchmarks/kafka/target/kafka-libs"
fi

mkdir -p "$OUT" "$DATA"
RESULTS=$OUT/results.tsv # system <TAB> metric <TAB> value
: >"$RESULTS"
echo "== results in $OUT, data in $DATA; $LINES lines (+$EXTRA after the restore), commit.interval.ms=${COMMIT_MS:-default}"

driver() { # system class [key=value ...]: runs one driver JVM, collects its RESULT lines
    local system=$1 class=$2
    shift 2
    echo "== $system: $class $*"
    # shellcheck disable=SC2086  # JVM_OPTS is a list of options
    java $JVM_OPTS -Djava.io.tmpdir="$DATA" -cp "$JAR" "io.sluice.benchmarks.streams.app.$class" \
        lines="$LINES" extra="$EXTRA" timeout.s="$TIMEOUT_S" ${COMMIT_MS:+commit.interval.ms=$COMMIT_MS} "$@" \
        >"$OUT/$system.out" 2>"$OUT/$system.log" \
        || echo "!! $system: driver exited $?: $(grep -m3 -E 'Exception|Error' "$OUT/$system.log")" \
            | tee -a "$OUT/problems.txt"
    grep '^RESULT ' "$OUT/$system.out" | awk -v OFS='\t' '{ print $2, $3, $4 }' | tee -a "$RESULTS" \
        | sed 's/^/   /'
    grep -h 'did not continue' "$OUT/$system.log" | sed "s/^/!! $system: /" | tee -a "$OUT/problems.txt" || true
}

measure() { # system
    local pid
    case $1 in
    sluice)
        driver sluice SluiceWordCountRun ;;
    sluice-broker)
        rm -rf "$DATA/sluice-broker"
        # shellcheck disable=SC2086
        java $JVM_OPTS -cp "$JAR" io.sluice.benchmarks.broker.SluiceBrokerMain "$DATA/sluice-broker" "$PORT" \
            >"$OUT/sluice-broker-broker.log" 2>&1 &
        pid=$!
        benchmarks/wait-ready.sh "$PORT" "$(date +%s%N)" 60 "$pid" >/dev/null \
            || { tail -30 "$OUT/sluice-broker-broker.log" >&2; kill "$pid"; exit 1; }
        driver sluice-broker SluiceWordCountRun system=sluice-broker bootstrap="localhost:$PORT"
        kill "$pid"
        for _ in $(seq 600); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        rm -rf "$DATA/sluice-broker" ;;
    kafka)
        KAFKA_WORK=$DATA/kafka KAFKA_PORT=$PORT KAFKA_JVM_OPTS=$JVM_OPTS benchmarks/kafka/start-kafka.sh \
            >"$OUT/kafka-start.out"
        driver kafka KafkaWordCountRun bootstrap="localhost:$PORT"
        KAFKA_WORK=$DATA/kafka benchmarks/kafka/stop-kafka.sh --delete
        cp "$DATA/kafka/kafka.log" "$OUT/kafka-broker.log" 2>/dev/null || true ;;
    *)
        echo "unknown system $1 (sluice, sluice-broker, kafka)" >&2; exit 1 ;;
    esac
}

# Hold the build lock for the whole comparison: nobody's build distorts the numbers, and the systems are measured
# under the same conditions.
exec 9>>"$LOCK"
echo "== waiting for $LOCK"
flock 9
START=$(date +%s)
for s in $SYSTEMS; do
    measure "$s"
done
flock -u 9
echo "== benchmark wall time: $(( $(date +%s) - START )) s"

awk -v FS='\t' -v lines="$LINES" -v commit="${COMMIT_MS:-default}" -f benchmarks/streams-app-table.awk "$RESULTS" \
    | tee "$OUT/table.md"
if [[ -s $OUT/problems.txt ]]; then
    echo
    echo "Problems:"
    cat "$OUT/problems.txt"
fi
