#!/usr/bin/env bash
# Connect end to end (issue 6): file -> topic -> file with Apache Kafka's own connect-file 4.3.1 plugin
# (FileStreamSource, FileStreamSink), unmodified, loaded from plugin.path by both workers:
#   - "sluice": Sluice's standalone worker started as users start it, `bin/sluice connect standalone` (with the
#     class data archive bin/sluice maps), without bootstrap.servers, so it starts its embedded broker in the same
#     JVM (counted in its start time);
#   - "kafka":  Kafka Connect 4.3.1 standalone (org.apache.kafka.connect.cli.ConnectStandalone) against Apache
#     Kafka 4.3.1 started beforehand (kafka/start-kafka.sh; the broker's own start is not counted).
# Same worker and connector configs for both (below): StringConverter for keys and values, offsets in a file,
# offset.flush.interval.ms=10000 (Kafka's connect-standalone.properties), the source creates its topic with one
# partition (topic.creation.default.*) so the output can be compared byte for byte with the input.
# For each system: write LINES lines (96 bytes each) to the input file, launch the worker JVM with both connectors,
# and watch the output file from outside: the first byte is "start to first delivered line" (launch -> line 1
# in the output file), the output reaching the input's size ends the run; lines/s counts from the first line to
# the last. Then the worker is stopped (SIGTERM) and the output compared with the input (cmp).
#
#   benchmarks/run-connect.sh                     # 1,000,000 lines, both systems
#   LINES=100000 benchmarks/run-connect.sh        # smoke run
#   SYSTEMS=sluice benchmarks/run-connect.sh      # one system
#
# Environment:
#   LINES          lines to copy (default 1000000); keep it a multiple of 2000, FileStreamSource's batch.size: after
#                  returning a full batch it keeps the lines left in its read buffer until more bytes arrive, so an
#                  input that ends mid-buffer never fully arrives (a property of the plugin, same on both workers)
#   SYSTEMS        "sluice kafka" (default) or one of them
#   TIMEOUT_S      what one copy may take (default 600)
#   JVM_OPTS       options of every JVM (default: kafka-server-start.sh's, -Xmx1G)
#   SLUICE_BENCH_DIR  files, offsets and broker data (default benchmarks/target/connect-bench), deleted per system
#   SLUICE_BENCH_LOCK lock shared with mvnl (default /tmp/sluice-mvn.lock)
#   OUT            results (default benchmarks/target/connect-results/<timestamp>)
# Ports 9092/9093 (Kafka) and 18083 (the workers' REST listener) must be free.
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$PWD
CLI_JAR=$ROOT/cli/target/cli.jar
CONNECT_LIBS=$ROOT/benchmarks/kafka/connect/target/connect-libs
PLUGINS=$ROOT/benchmarks/kafka/connect/target/connect-plugins
LOCK=${SLUICE_BENCH_LOCK:-/tmp/sluice-mvn.lock}
LINES=${LINES:-1000000}
SYSTEMS=${SYSTEMS:-sluice kafka}
TIMEOUT_S=${TIMEOUT_S:-600}
JVM_OPTS=${JVM_OPTS:--Xmx1G -Xms1G -server -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:InitiatingHeapOccupancyPercent=35 -XX:+ExplicitGCInvokesConcurrent -Djava.awt.headless=true}
DATA=${SLUICE_BENCH_DIR:-$ROOT/benchmarks/target/connect-bench}
OUT=${OUT:-$ROOT/benchmarks/target/connect-results/$(date +%Y%m%d-%H%M%S)}
PORT=9092
REST_PORT=18083
TOPIC=connect-bench
MVN=mvn
command -v mvnl >/dev/null 2>&1 && MVN=mvnl

# Builds and downloads take the lock themselves (mvnl): do them before we hold it for the measurements. The
# staleness test is bin/sluice's, so bin/sluice neither rebuilds nor re-records its archive during a measurement.
if [[ ! -f $CLI_JAR ]] || [[ -n $(find "$ROOT" -path "$ROOT/*/target" -prune -o \( -path '*/src/main/*' -o -name pom.xml \) \
        -type f -newer "$CLI_JAR" -print -quit) ]]; then
    echo "== building the sluice distribution (cli and the modules it depends on)"
    $MVN -B -q -o package -DskipTests -pl cli -am
fi
[[ $SYSTEMS == *kafka* ]] && benchmarks/kafka/start-kafka.sh --resolve-only
bin/sluice --version >/dev/null # records the class data archive if the build is newer than it (~3 s, not measured)
if [[ ! -f $CONNECT_LIBS/connect-runtime-4.3.1.jar || ! -f $PLUGINS/connect-file/connect-file-4.3.1.jar ]]; then
    echo "== resolving Kafka Connect 4.3.1 and connect-file 4.3.1 from Maven Central"
    $MVN -B -q -f benchmarks/kafka/connect/pom.xml dependency:copy-dependencies -DincludeScope=runtime \
        -DoutputDirectory="$CONNECT_LIBS"
    $MVN -B -q -f benchmarks/kafka/connect/pom.xml dependency:copy \
        -Dartifact=org.apache.kafka:connect-file:4.3.1 -DoutputDirectory="$PLUGINS/connect-file"
fi

mkdir -p "$OUT" "$DATA"
RESULTS=$OUT/results.tsv # system <TAB> metric <TAB> value
: >"$RESULTS"
INPUT=$DATA/input.txt
echo "== writing $LINES lines to $INPUT"
awk -v n="$LINES" 'BEGIN { for (i = 1; i <= n; i++)
    printf "%07d the quick brown fox jumps over the lazy dog, then copies itself through a topic %07d\n", i, i }' \
    >"$INPUT"
INPUT_BYTES=$(stat -c %s "$INPUT")
echo "== results in $OUT, data in $DATA; $LINES lines, $INPUT_BYTES bytes"

# A builtin timed wait: read on a pipe nobody writes to, so polling forks nothing that competes with the workers.
exec {NAP_FD}<> <(:)
nap() { read -r -t "$1" -u "$NAP_FD" || true; }
now_ns() { date +%s%N; }

write_configs() { # system workdir
    local system=$1 work=$2
    {
        if [[ $system == kafka ]]; then
            echo "bootstrap.servers=localhost:$PORT"
        else
            echo "embedded.broker.data.dir=$work/broker"
        fi
        cat <<PROPS
key.converter=org.apache.kafka.connect.storage.StringConverter
value.converter=org.apache.kafka.connect.storage.StringConverter
offset.storage.file.filename=$work/connect.offsets
offset.flush.interval.ms=10000
plugin.path=$PLUGINS
listeners=http://localhost:$REST_PORT
PROPS
    } >"$work/worker.properties"
    cat >"$work/source.properties" <<PROPS
name=local-file-source
connector.class=FileStreamSource
tasks.max=1
file=$INPUT
topic=$TOPIC
topic.creation.default.partitions=1
topic.creation.default.replication.factor=1
PROPS
    cat >"$work/sink.properties" <<PROPS
name=local-file-sink
connector.class=FileStreamSink
tasks.max=1
file=$work/output.txt
topics=$TOPIC
PROPS
}

measure() { # system
    local system=$1 work=$DATA/$1 pid start first="" done_ns="" size=0 deadline
    rm -rf "$work"
    mkdir -p "$work"
    write_configs "$system" "$work"
    local output=$work/output.txt
    if [[ $system == kafka ]]; then
        KAFKA_WORK=$DATA/kafka KAFKA_PORT=$PORT KAFKA_JVM_OPTS=$JVM_OPTS benchmarks/kafka/start-kafka.sh \
            >"$OUT/kafka-start.out"
    fi
    echo "== $system: worker with FileStreamSource + FileStreamSink"
    start=$(now_ns)
    if [[ $system == kafka ]]; then
        # shellcheck disable=SC2086  # JVM_OPTS is a list of options
        java $JVM_OPTS -Dlog4j2.configurationFile="$ROOT/benchmarks/kafka/log4j2.properties" \
            -Dkafka.log.file="$OUT/kafka-connect.log" -cp "$CONNECT_LIBS/*" \
            org.apache.kafka.connect.cli.ConnectStandalone \
            "$work/worker.properties" "$work/source.properties" "$work/sink.properties" \
            >"$OUT/kafka-connect.out" 2>&1 &
    else
        SLUICE_JAVA_OPTS=$JVM_OPTS bin/sluice connect standalone \
            "$work/worker.properties" "$work/source.properties" "$work/sink.properties" \
            >"$OUT/sluice-connect.out" 2>&1 &
    fi
    pid=$!
    deadline=$(( start + TIMEOUT_S * 1000000000 ))
    until [[ -s $output ]]; do
        kill -0 "$pid" 2>/dev/null || break
        (( $(now_ns) < deadline )) || break
        nap 0.002
    done
    [[ -s $output ]] && first=$(now_ns)
    while [[ -n $first ]] && kill -0 "$pid" 2>/dev/null && (( $(now_ns) < deadline )); do
        size=$(stat -c %s "$output")
        if (( size >= INPUT_BYTES )); then
            done_ns=$(now_ns)
            break
        fi
        nap 0.05
    done
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 600); do kill -0 "$pid" 2>/dev/null || break; nap 0.1; done
    kill -0 "$pid" 2>/dev/null && { echo "!! $system: worker did not stop in 60 s; killing it" | tee -a "$OUT/problems.txt"; kill -9 "$pid"; }
    if [[ $system == kafka ]]; then
        KAFKA_WORK=$DATA/kafka benchmarks/kafka/stop-kafka.sh --delete
    fi

    if [[ -z $first ]]; then
        echo "!! $system: no line delivered within ${TIMEOUT_S}s" | tee -a "$OUT/problems.txt"
        return
    fi
    printf '%s\tfirst_line_ms\t%s\n' "$system" $(( (first - start) / 1000000 )) | tee -a "$RESULTS"
    if [[ -z $done_ns ]]; then
        echo "!! $system: only $(wc -l <"$output") of $LINES lines delivered within ${TIMEOUT_S}s" \
            | tee -a "$OUT/problems.txt"
        return
    fi
    awk -v s="$system" -v n="$LINES" -v a="$start" -v f="$first" -v d="$done_ns" 'BEGIN {
        printf "%s\tlines_per_s\t%.0f\n%s\ttotal_s\t%.2f\n", s, n / ((d - f) / 1e9), s, (d - a) / 1e9 }' \
        | tee -a "$RESULTS"
    if cmp -s "$INPUT" "$output"; then
        printf '%s\tintact\tyes\n' "$system" | tee -a "$RESULTS"
    else
        printf '%s\tintact\tno\n' "$system" | tee -a "$RESULTS"
        echo "!! $system: output differs from input: $(cmp "$INPUT" "$output" 2>&1 | head -1)" \
            | tee -a "$OUT/problems.txt"
    fi
    rm -rf "$work/broker" "$output"
}

# Hold the build lock for the whole comparison: nobody's build distorts the numbers.
exec 9>>"$LOCK"
echo "== waiting for $LOCK"
flock 9
for s in $SYSTEMS; do
    measure "$s"
done
flock -u 9

awk -v FS='\t' -v lines="$LINES" '
    function num(x) { return x == "" ? "–" : sprintf("%\047d", x + 0.5) }
    { v[$1 "|" $2] = $3 }
    END {
        printf "File → topic → file, %s lines (96 bytes), FileStreamSource/Sink 4.3.1 from plugin.path\n\n", num(lines)
        print "| figure | Kafka Connect 4.3.1 on Kafka 4.3.1 | Sluice (embedded broker) | ratio |"
        print "|---|---:|---:|---:|"
        r = v["kafka|lines_per_s"] > 0 && v["sluice|lines_per_s"] != "" ? sprintf("%.2f×", v["sluice|lines_per_s"] / v["kafka|lines_per_s"]) : "–"
        printf "| lines/s (first line → last line; ≥ 3× target) | %s | %s | %s |\n", num(v["kafka|lines_per_s"]), num(v["sluice|lines_per_s"]), r
        printf "| worker start → first delivered line, ms (≤ 1000 target) | %s | %s | |\n", num(v["kafka|first_line_ms"]), num(v["sluice|first_line_ms"])
        printf "| worker start → last line, s | %s | %s | |\n", v["kafka|total_s"] == "" ? "–" : v["kafka|total_s"], v["sluice|total_s"] == "" ? "–" : v["sluice|total_s"]
        printf "| output identical to input | %s | %s | |\n", v["kafka|intact"] == "" ? "–" : v["kafka|intact"], v["sluice|intact"] == "" ? "–" : v["sluice|intact"]
    }' "$RESULTS" | tee "$OUT/table.md"
if [[ -s $OUT/problems.txt ]]; then
    echo
    echo "Problems:"
    cat "$OUT/problems.txt"
fi
