#!/usr/bin/env bash
# Stops the Kafka started by start-kafka.sh (SIGTERM: a controlled shutdown, then waits up to 60 s) and, with
# --delete, removes its data directory.
#
#   benchmarks/kafka/stop-kafka.sh [--delete]
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
WORK=${KAFKA_WORK:-$HERE/target/run}
if [[ -f $WORK/kafka.pid ]]; then
    PID=$(cat "$WORK/kafka.pid")
    if kill -0 "$PID" 2>/dev/null; then
        kill "$PID"
        for _ in $(seq 600); do kill -0 "$PID" 2>/dev/null || break; sleep 0.1; done
        if kill -0 "$PID" 2>/dev/null; then
            echo "Kafka (pid $PID) did not stop in 60 s; killing it" >&2
            kill -9 "$PID"
        fi
    fi
    rm -f "$WORK/kafka.pid"
fi
if [[ ${1:-} == --delete ]]; then
    rm -rf "$WORK/data"
fi
