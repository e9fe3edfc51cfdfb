#!/usr/bin/env bash
# Sluice vs Apache Kafka 4.3.1, one node each, same machine, same disk, same load (issue 3). For each broker in
# turn (Sluice first, then Kafka; each on a fresh data directory, the other one stopped):
#   - start to ready, 3 cold starts on an empty data dir (launch of the JVM to the first Metadata answer)
#   - produce 100 B and 1 KiB records, acks=1 and acks=all, 3 partitions, with
#       kcat (librdkafka, Debian's package) fed from a pre-generated file, records/s by wall time, and
#       kafka-clients via Kafka's own ProducerPerformance (kafka-tools 4.3.1)
#   - consume every record of the acks=1 topics from offset 0 with kcat and with ConsumerPerformance
#   - end-to-end latency at a fixed rate (EndToEndLatency: acks=all, RATE records/s for SECONDS s)
# then prints Sluice vs Kafka with the issue's targets. Both JVMs get the options kafka-server-start.sh uses.
# Sluice runs at its defaults (every append fsynced, acks=all waits for the fsync); Kafka at its defaults (no
# fsync, the page cache).
#
#   benchmarks/run-broker.sh                         # both brokers, ~3.5 minutes of measurement
#   N100=200000 N1K=50000 E2E_SECONDS=5 benchmarks/run-broker.sh   # smoke run
#
# Environment:
#   BROKERS            "sluice kafka" (default) or one of them
#   N100, N1K          records per produce run: 100-byte (default 2000000) and 1 KiB (default 500000)
#   E2E_RATE, E2E_SECONDS, E2E_WARMUP   fixed-rate latency run (default 2000 records/s, 30 s, after 5 s warm-up)
#   SLUICE_BENCH_DIR   data directories and payload files (default benchmarks/target/broker-bench); must be on
#                      the disk under test; each broker's data is deleted after its run
#   SLUICE_BENCH_LOCK  lock shared with mvnl (default /tmp/sluice-mvn.lock), held while measuring
#   OUT                results (default benchmarks/target/broker-results/<timestamp>)
# Needs: java 17, kcat, jq (apt-get install -y kcat jq).
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$PWD
JAR=$ROOT/benchmarks/target/benchmarks.jar
KAFKA_LIBS=$ROOT/benchmarks/kafka/target/kafka-libs
LOCK=${SLUICE_BENCH_LOCK:-/tmp/sluice-mvn.lock}
BROKERS=${BROKERS:-sluice kafka}
N100=${N100:-2000000}
N1K=${N1K:-500000}
E2E_RATE=${E2E_RATE:-2000}
E2E_SECONDS=${E2E_SECONDS:-30}
E2E_WARMUP=${E2E_WARMUP:-5}
DATA=${SLUICE_BENCH_DIR:-$ROOT/benchmarks/target/broker-bench}
OUT=${OUT:-$ROOT/benchmarks/target/broker-results/$(date +%Y%m%d-%H%M%S)}
PORT=9092
JVM_OPTS="-Xmx1G -Xms1G -server -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:InitiatingHeapOccupancyPercent=35 -XX:+ExplicitGCInvokesConcurrent -Djava.awt.headless=true"
MVN=mvn
command -v mvnl >/dev/null 2>&1 && MVN=mvnl

for tool in kcat jq java; do
    command -v $tool >/dev/null || { echo "run-broker.sh needs $tool (apt-get install -y kcat jq)" >&2; exit 1; }
done

# Builds and downloads take the lock themselves (mvnl): do them before we hold it for the measurements.
if [[ ! -f $JAR ]] || [[ -n $(find log-core/src/main benchmarks/src/main benchmarks/pom.xml log-core/pom.xml \
        -newer "$JAR" -type f 2>/dev/null | head -1) ]]; then
    echo "== building log-core and benchmarks"
    $MVN -B -q -o install -DskipTests -pl log-core -am
    $MVN -B -q -o package -pl benchmarks
fi
if [[ ! -f $KAFKA_LIBS/kafka_2.13-4.3.1.jar || ! -f $KAFKA_LIBS/kafka-tools-4.3.1.jar ]]; then
    echo "== resolving Kafka 4.3.1 from Maven Central"
    $MVN -B -q -f benchmarks/kafka/pom.xml dependency:copy-dependencies -DincludeScope=runtime \
        -DoutputDirectory="$KAFKA_LIBS"
fi

mkdir -p "$OUT" "$DATA"
echo "== results in $OUT, data in $DATA"
RESULTS=$OUT/results.tsv # broker <TAB> metric <TAB> value
: >"$RESULTS"
record() { printf '%s\t%s\t%s\n' "$1" "$2" "$3" >>"$RESULTS"; echo "   $1 $2 = $3"; }

# Payloads for kcat: one record per line, printable random bytes (base64 of /dev/urandom: no compression is
# configured anywhere, so the content only has to be the right length).
payload() { # size count -> file
    local f=$DATA/payload-$1-$2.txt
    if [[ ! -s $f ]]; then
        base64 -w "$1" </dev/urandom | head -n "$2" >"$f"
    fi
    echo "$f"
}
P100=$(payload 100 "$N100")
P1K=$(payload 1024 "$N1K")

BROKER_PID=
READY_MS=
SLUICE_EXTRA_OPTS=
start_broker() { # name; sets BROKER_PID and READY_MS (launch to first Metadata answer)
    local name=$1 dir=$DATA/$1 start_ns
    rm -rf "$dir"
    mkdir -p "$dir"
    if [[ $name == sluice ]]; then
        start_ns=$(date +%s%N)
        # shellcheck disable=SC2086  # JVM_OPTS is a list of options
        java $JVM_OPTS $SLUICE_EXTRA_OPTS -cp "$JAR" io.sluice.benchmarks.broker.SluiceBrokerMain "$dir/data" "$PORT" \
            >>"$OUT/sluice-broker.log" 2>&1 &
        BROKER_PID=$!
        READY_MS=$(benchmarks/wait-ready.sh "$PORT" "$start_ns" 60 "$BROKER_PID") \
            || { tail -30 "$OUT/sluice-broker.log" >&2; exit 1; }
        # the broker's own view: JVM start to listening, EmbeddedBroker.start call to listening
        sleep 0.2
        grep '^READY' "$OUT/sluice-broker.log" | tail -1 | sed 's/^/   sluice: /'
    else
        KAFKA_WORK=$dir KAFKA_PORT=$PORT KAFKA_JVM_OPTS=$JVM_OPTS benchmarks/kafka/start-kafka.sh >"$dir/start.out"
        BROKER_PID=$(cat "$dir/kafka.pid")
        READY_MS=$(cat "$dir/ready-ms")
    fi
}

stop_broker() { # name
    local name=$1 dir=$DATA/$1
    if [[ $name == sluice ]]; then
        kill "$BROKER_PID" 2>/dev/null || true
        for _ in $(seq 600); do kill -0 "$BROKER_PID" 2>/dev/null || break; sleep 0.1; done
    else
        KAFKA_WORK=$dir benchmarks/kafka/stop-kafka.sh
        cat "$dir/kafka.log" >>"$OUT/kafka-broker.log" 2>/dev/null || true
        cat "$dir/kafka.out" >>"$OUT/kafka-broker.out" 2>/dev/null || true
    fi
    du -sh "$dir" 2>/dev/null | sed "s/^/   data of $name: /" || true
    rm -rf "$dir"
}

# The broker process's CPU time (user + system, clock ticks) from /proc: on a machine where the load generator and
# the broker share 2 cores, CPU per record shows the broker's own cost even when the client is the bottleneck.
TICK_US=$(( 1000000 / $(getconf CLK_TCK) ))
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$BROKER_PID/stat"; }
record_cpu() { # broker metric ticks0 records
    record "$1" "cpu.$2" "$(awk -v d=$(( $(cpu_ticks) - $3 )) -v us="$TICK_US" -v n="$4" 'BEGIN { printf "%.2f", d * us / n }')"
}

java_tool() { java -cp "$JAR" "$@"; }
kafka_tool() { java -cp "$KAFKA_LIBS/*" -Dlog4j2.configurationFile="$ROOT/benchmarks/kafka/log4j2.properties" \
    -Dkafka.log.file="$OUT/tools.log" "$@"; }

check_count() { # broker topic expected
    local got
    got=$(java_tool io.sluice.benchmarks.broker.Topics count "localhost:$PORT" "$2" 2>>"$OUT/tools.log")
    record "$1" "count.$2" "$got"
    if [[ $got != "$3" ]]; then
        echo "!! $1: topic $2 holds $got records, expected $3" | tee -a "$OUT/problems.txt"
    fi
}

produce_kcat() { # broker size acks file count
    local b=$1 size=$2 acks=$3 file=$4 n=$5 topic=kcat-$2-acks$3 t0 t1 c0
    c0=$(cpu_ticks)
    t0=$(date +%s%N)
    kcat -P -b "localhost:$PORT" -t "$topic" -X acks="$acks" -X linger.ms=5 -X batch.num.messages=10000 \
        -l "$file" 2>"$OUT/$b-$topic.err" || echo "!! $b: kcat -P $topic exited $?" | tee -a "$OUT/problems.txt"
    t1=$(date +%s%N)
    [[ -s $OUT/$b-$topic.err ]] && { echo "!! $b: kcat -P $topic stderr:"; head -5 "$OUT/$b-$topic.err"; } \
        | tee -a "$OUT/problems.txt"
    record_cpu "$b" "produce.kcat.$size.acks$acks" "$c0" "$n"
    record "$b" "produce.kcat.$size.acks$acks" "$(awk -v n="$n" -v ns=$((t1 - t0)) 'BEGIN { printf "%.0f", n / (ns / 1e9) }')"
    check_count "$b" "$topic" "$n"
}

produce_java() { # broker size acks count
    local b=$1 size=$2 acks=$3 n=$4 topic=java-$2-acks$3 line c0
    c0=$(cpu_ticks)
    kafka_tool org.apache.kafka.tools.ProducerPerformance --bootstrap-server "localhost:$PORT" --topic "$topic" \
        --num-records "$n" --record-size "$size" --throughput -1 --producer-props acks="$acks" linger.ms=5 \
        >"$OUT/$b-$topic.out" 2>&1 || echo "!! $b: ProducerPerformance $topic exited $?" | tee -a "$OUT/problems.txt"
    record_cpu "$b" "produce.java.$size.acks$acks" "$c0" "$n"
    line=$(grep ' records sent, ' "$OUT/$b-$topic.out" | tail -1)
    echo "   $line"
    record "$b" "produce.java.$size.acks$acks" "$(sed -E 's/.* records sent, ([0-9.]+) records\/sec.*/\1/' <<<"$line" | cut -d. -f1)"
    check_count "$b" "$topic" "$n"
}

consume_kcat() { # broker topic count label
    local b=$1 topic=$2 n=$3 t0 t1 got c0
    c0=$(cpu_ticks)
    t0=$(date +%s%N)
    # -o 0, not -o beginning: see the ListOffsets v2 note in docs/benchmarks.md (same on both brokers)
    got=$(kcat -C -b "localhost:$PORT" -t "$topic" -o 0 -e -q -f '.' 2>"$OUT/$b-consume-kcat-$topic.err" | wc -c)
    t1=$(date +%s%N)
    record_cpu "$b" "consume.kcat.$4" "$c0" "$n"
    record "$b" "consume.kcat.$4" "$(awk -v n="$got" -v ns=$((t1 - t0)) 'BEGIN { printf "%.0f", n / (ns / 1e9) }')"
    [[ $got == "$n" ]] || echo "!! $b: kcat -C $topic read $got records, expected $n: $(head -3 "$OUT/$b-consume-kcat-$topic.err")" \
        | tee -a "$OUT/problems.txt"
}

consume_java() { # broker topic count label
    local b=$1 topic=$2 n=$3 line c0
    c0=$(cpu_ticks)
    kafka_tool org.apache.kafka.tools.ConsumerPerformance --bootstrap-server "localhost:$PORT" --topic "$topic" \
        --num-records "$n" --group "perf-$topic-$RANDOM" --timeout 60000 \
        >"$OUT/$b-consume-java-$topic.out" 2>&1 || echo "!! $b: ConsumerPerformance $topic exited $?" | tee -a "$OUT/problems.txt"
    # start.time, end.time, data.consumed.in.MB, MB.sec, data.consumed.in.nMsg, nMsg.sec, rebalance.time.ms,
    # fetch.time.ms, fetch.MB.sec, fetch.nMsg.sec
    record_cpu "$b" "consume.java.$4" "$c0" "$n"
    line=$(grep -E '^[0-9]{4}-' "$OUT/$b-consume-java-$topic.out" | tail -1)
    echo "   $line"
    record "$b" "consume.java.$4" "$(awk -F', ' '{ printf "%.0f", $10 }' <<<"$line")"
    record "$b" "consume.java.$4.incl-join" "$(awk -F', ' '{ printf "%.0f", $6 }' <<<"$line")"
    [[ $(awk -F', ' '{ print $5 }' <<<"$line") == "$n" ]] \
        || echo "!! $b: ConsumerPerformance $topic: $line (expected $n records)" | tee -a "$OUT/problems.txt"
}

e2e() { # broker
    local b=$1 line c0
    c0=$(cpu_ticks)
    java_tool io.sluice.benchmarks.broker.EndToEndLatency "localhost:$PORT" e2e "$E2E_RATE" "$E2E_SECONDS" \
        "$E2E_WARMUP" 100 >"$OUT/$b-e2e.out" 2>&1 || echo "!! $b: EndToEndLatency exited $?" | tee -a "$OUT/problems.txt"
    record_cpu "$b" e2e "$c0" $(( E2E_RATE * (E2E_SECONDS + E2E_WARMUP) ))
    line=$(grep '^E2E ' "$OUT/$b-e2e.out" | tail -1)
    echo "   $line"
    for k in p50_ms p99_ms p999_ms max_ms sent received failed; do
        record "$b" "e2e.$k" "$(grep -oE "$k=[0-9.NaN]+" <<<"$line" | cut -d= -f2)"
    done
    grep -qE 'received=([0-9]+) failed=0 ' <<<"$line" && [[ $(grep -oE 'sent=[0-9]+' <<<"$line" | cut -d= -f2) == \
        $(grep -oE 'received=[0-9]+' <<<"$line" | cut -d= -f2) ]] \
        || echo "!! $b: EndToEndLatency: $line $(grep -m3 -iE 'error|exception' "$OUT/$b-e2e.out")" | tee -a "$OUT/problems.txt"
}

measure() { # broker
    local b=$1 i
    if [[ $b == sluice ]]; then
        # Not the headline (that is the default JVM below): the same start with an AppCDS archive of the classes
        # a start loads (JDK 17 -XX:ArchiveClassesAtExit, dumped by one training start), to show what class
        # loading costs. Deployment option only, no code change.
        echo "== sluice: start to ready with an AppCDS archive (1 training start, then 3 cold starts)"
        SLUICE_EXTRA_OPTS="-XX:ArchiveClassesAtExit=$DATA/sluice-cds.jsa"
        start_broker sluice
        stop_broker sluice
        SLUICE_EXTRA_OPTS="-XX:SharedArchiveFile=$DATA/sluice-cds.jsa"
        for i in 1 2 3; do
            start_broker sluice
            record sluice "start.cds.$i" "$READY_MS"
            stop_broker sluice
        done
        SLUICE_EXTRA_OPTS=
    fi
    echo "== $b: start to ready, 3 cold starts"
    for i in 1 2 3; do
        start_broker "$b"
        record "$b" "start.$i" "$READY_MS"
        [[ $i == 3 ]] || stop_broker "$b"
    done
    java_tool io.sluice.benchmarks.broker.Topics create "localhost:$PORT" 3 \
        kcat-100-acks1 kcat-100-acksall kcat-1024-acks1 kcat-1024-acksall \
        java-100-acks1 java-100-acksall java-1024-acks1 java-1024-acksall e2e 2>>"$OUT/tools.log"

    echo "== $b: produce, kcat"
    produce_kcat "$b" 100 1 "$P100" "$N100"
    produce_kcat "$b" 100 all "$P100" "$N100"
    produce_kcat "$b" 1024 1 "$P1K" "$N1K"
    produce_kcat "$b" 1024 all "$P1K" "$N1K"
    echo "== $b: produce, kafka-clients ProducerPerformance"
    produce_java "$b" 100 1 "$N100"
    produce_java "$b" 100 all "$N100"
    produce_java "$b" 1024 1 "$N1K"
    produce_java "$b" 1024 all "$N1K"
    echo "== $b: consume from offset 0"
    consume_kcat "$b" kcat-100-acks1 "$N100" 100
    consume_kcat "$b" kcat-1024-acks1 "$N1K" 1024
    consume_java "$b" java-100-acks1 "$N100" 100
    consume_java "$b" java-1024-acks1 "$N1K" 1024
    echo "== $b: end-to-end latency, $E2E_RATE records/s x 100 B, acks=all, ${E2E_SECONDS}s after ${E2E_WARMUP}s warm-up"
    e2e "$b"
    echo "== $b: stopping"
    stop_broker "$b"
}

# Hold the build lock for the whole comparison: nobody's build distorts the numbers, and both brokers are
# measured under the same conditions.
exec 9>>"$LOCK"
echo "== waiting for $LOCK"
flock 9
START=$(date +%s)
for b in $BROKERS; do
    measure "$b"
done
flock -u 9
echo "== benchmark wall time: $(( $(date +%s) - START )) s"
grep -hcE ' (ERROR|WARN) ' "$OUT/sluice-broker.log" 2>/dev/null | sed 's/^/   Sluice broker log WARN+ERROR lines: /' || true
grep -hE ' (ERROR|WARN) ' "$OUT/sluice-broker.log" 2>/dev/null | cut -c1-300 | sort | uniq -c | sort -rn | head -5 || true

awk -v FS='\t' -v n100="$N100" -v n1k="$N1K" -f benchmarks/broker-table.awk "$RESULTS" | tee "$OUT/table.md"
if [[ -s $OUT/problems.txt ]]; then
    echo
    echo "Problems:"
    cat "$OUT/problems.txt"
fi
rm -rf "${DATA:?}/sluice" "${DATA:?}/kafka" "${DATA:?}/sluice-cds.jsa"
