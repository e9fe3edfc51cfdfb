#!/usr/bin/env bash
# Apache Kafka 4.3.1, single node in KRaft mode (broker + controller in one process), started from its Maven
# Central jars: the baseline of the broker benchmark (issue 3). Broker settings are Kafka's defaults except what
# a one-node cluster needs (replication factors 1) and where data goes. The JVM gets the options
# kafka-server-start.sh would give it (-Xmx1G -Xms1G, G1 with MaxGCPauseMillis=20).
#
#   benchmarks/kafka/start-kafka.sh          # -> prints "READY <ms>" (launch to first Metadata answer)
#   benchmarks/kafka/start-kafka.sh --resolve-only  # only downloads the jars (callers holding the build lock
#                                                   # must do this first: the download takes the lock too)
#   benchmarks/kafka/stop-kafka.sh
#
# Environment:
#   KAFKA_WORK   where data (data/), the broker log (kafka.log), server.properties and kafka.pid go
#                (default: benchmarks/kafka/target/run; must be on the disk under test); data/ is recreated
#   KAFKA_PORT   client listener (default 9092); the controller listener is KAFKA_PORT+1
#   KAFKA_JVM_OPTS  replaces the default JVM options above
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
LIBS=$HERE/target/kafka-libs
WORK=${KAFKA_WORK:-$HERE/target/run}
PORT=${KAFKA_PORT:-9092}
CONTROLLER_PORT=$(( PORT + 1 ))
JVM_OPTS=${KAFKA_JVM_OPTS:--Xmx1G -Xms1G -server -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:InitiatingHeapOccupancyPercent=35 -XX:+ExplicitGCInvokesConcurrent -Djava.awt.headless=true}
MVN=mvn
command -v mvnl >/dev/null 2>&1 && MVN=mvnl

if [[ ! -f $LIBS/kafka_2.13-4.3.1.jar || ! -f $LIBS/kafka-tools-4.3.1.jar || $HERE/pom.xml -nt $LIBS ]]; then
    echo "== resolving Kafka 4.3.1 from Maven Central into $LIBS" >&2
    rm -rf "$LIBS"
    $MVN -B -q -f "$HERE/pom.xml" dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$LIBS" >&2
fi
[[ ${1:-} == --resolve-only ]] && exit 0
if [[ -f $WORK/kafka.pid ]] && kill -0 "$(cat "$WORK/kafka.pid")" 2>/dev/null; then
    echo "Kafka already running (pid $(cat "$WORK/kafka.pid")); run stop-kafka.sh first" >&2
    exit 1
fi

rm -rf "$WORK/data"
mkdir -p "$WORK/data"
cat >"$WORK/server.properties" <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@localhost:$CONTROLLER_PORT
listeners=PLAINTEXT://localhost:$PORT,CONTROLLER://localhost:$CONTROLLER_PORT
advertised.listeners=PLAINTEXT://localhost:$PORT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
log.dirs=$WORK/data
num.partitions=3
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
PROPS

CP="$LIBS/*"
LOG4J=(-Dlog4j2.configurationFile="$HERE/log4j2.properties" -Dkafka.log.file="$WORK/kafka.log")
# A KRaft cluster id is 16 random bytes, URL-safe base64 without padding (what `kafka-storage random-uuid` prints).
CLUSTER_ID=$(head -c 16 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=')
echo "== formatting $WORK/data (cluster $CLUSTER_ID)" >&2
# shellcheck disable=SC2086  # JVM_OPTS is a list of options
java "${LOG4J[@]}" -Dkafka.log.file="$WORK/format.log" -cp "$CP" kafka.tools.StorageTool format \
    -t "$CLUSTER_ID" -c "$WORK/server.properties" >"$WORK/format.out" 2>&1 \
    || { cat "$WORK/format.out" >&2; exit 1; }

START_NS=$(date +%s%N)
# shellcheck disable=SC2086
nohup java $JVM_OPTS "${LOG4J[@]}" -cp "$CP" kafka.Kafka "$WORK/server.properties" >"$WORK/kafka.out" 2>&1 &
PID=$!
echo $PID >"$WORK/kafka.pid"
if ! MS=$("$HERE/../wait-ready.sh" "$PORT" "$START_NS" 120 "$PID"); then
    tail -30 "$WORK/kafka.out" "$WORK/kafka.log" >&2 || true
    exit 1
fi
echo "$MS" >"$WORK/ready-ms"
echo "READY $MS ms (pid $PID, localhost:$PORT, log $WORK/kafka.log)"
