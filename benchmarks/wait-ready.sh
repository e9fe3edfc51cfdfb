#!/usr/bin/env bash
# Waits until a Kafka-protocol broker on localhost:PORT answers a Metadata request, then prints the milliseconds
# since START_NS (a `date +%s%N` taken just before the broker's JVM was launched): "start to ready" measured the
# same way, from outside, for Sluice and Kafka.
#
#   benchmarks/wait-ready.sh PORT START_NS [TIMEOUT_S] [PID]
#
# Two steps, so the poll interval (5 ms) is the resolution: wait for the port to accept a connection (bash's
# /dev/tcp, no process started per probe), then one `kcat -L` (Kafka binds its port before it serves requests;
# the request waits in the backlog until it does). Exits 1 on timeout or if PID dies.
set -euo pipefail
PORT=$1
START_NS=$2
TIMEOUT_S=${3:-60}
PID=${4:-}
deadline=$(( START_NS + TIMEOUT_S * 1000000000 ))
alive() { [[ -z $PID ]] || kill -0 "$PID" 2>/dev/null; }
until (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; do
    alive || { echo "broker process $PID exited before listening" >&2; exit 1; }
    (( $(date +%s%N) < deadline )) || { echo "port $PORT not open after ${TIMEOUT_S}s" >&2; exit 1; }
    sleep 0.005
done
until kcat -L -b "127.0.0.1:$PORT" -m 5 -J 2>/dev/null | jq -e '.brokers | length > 0' >/dev/null; do
    alive || { echo "broker process $PID exited before serving Metadata" >&2; exit 1; }
    (( $(date +%s%N) < deadline )) || { echo "no Metadata answer on $PORT after ${TIMEOUT_S}s" >&2; exit 1; }
    sleep 0.005
done
echo $(( ($(date +%s%N) - START_NS) / 1000000 ))
