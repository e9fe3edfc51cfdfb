# The side-by-side table of run-streams-app.sh: end-to-end word count and state restore, each Sluice system
# (embedded broker, separate Sluice broker) against Kafka Streams on Apache Kafka. Input: results.tsv lines
# (system <TAB> metric <TAB> value) as the drivers print them. Re-print the table of an earlier run:
#   awk -v FS='\t' -v lines=1000000 -f benchmarks/streams-app-table.awk benchmarks/target/streams-app-results/<run>/results.tsv
function num(x) { return x == "" ? "–" : sprintf("%'d", x + 0.5) }
function dec(x) { return x == "" ? "–" : sprintf("%.2f", x) }
function fmtm(m, x) { return m ~ /mb_per_s$|\.s$/ ? dec(x) : num(x) }
function ratio(s, m) { return v["kafka|" m] > 0 && v[s "|" m] != "" ? sprintf("%.2f×", v[s "|" m] / v["kafka|" m]) : "–" }
{ v[$1 "|" $2] = $3; if (!($1 in seen)) { seen[$1] = 1; if ($1 != "kafka") sluice[++n] = $1 } }
END {
    printf "Word count, %s lines × 8 words, 4 partitions, 1 stream thread, RocksDB, commit.interval.ms=%s\n\n", \
        num(lines), commit
    printf "| figure | Kafka Streams 4.3.1 on Kafka 4.3.1 |"
    for (i = 1; i <= n; i++) printf " %s | ratio |", sluice[i]
    print ""
    printf "|---|---:|"
    for (i = 1; i <= n; i++) printf "---:|---:|"
    print ""
    split("process.lines_per_s process.words_per_s process.s restore.mb_per_s restore.records_per_s restore.s" \
        " restore.listener_mb_per_s restore.listener_records_per_s", ms, " ")
    split("lines/s (≥ 2× target)|words/s|processing, s (start → last final count)|restore, MB/s (restart → restored)" \
        "|restore, changelog records/s (restart → restored)|restore, s (restart → restored)" \
        "|restore proper, MB/s (listener: first start → last end)|restore proper, records/s (listener)", labels, "|")
    for (j = 1; j <= 8; j++) {
        m = ms[j]
        printf "| %s | %s |", labels[j], fmtm(m, v["kafka|" m])
        for (i = 1; i <= n; i++) {
            s = sluice[i]
            bad = m ~ /^restore/ && v[s "|restore.counts_continue"] != "yes"
            cellv = bad ? "not measurable" : fmtm(m, v[s "|" m])
            r = bad || m ~ /\.s$/ ? "–" : ratio(s, m)
            printf " %s | %s |", cellv, r
        }
        print ""
    }
    printf "| changelog records / bytes | %s / %s |", num(v["kafka|changelog.records"]), num(v["kafka|changelog.bytes"])
    for (i = 1; i <= n; i++) printf " %s / %s | |", num(v[sluice[i] "|changelog.records"]), num(v[sluice[i] "|changelog.bytes"])
    print ""
    printf "| counts continue after restore | %s |", v["kafka|restore.counts_continue"]
    for (i = 1; i <= n; i++) printf " %s | |", v[sluice[i] "|restore.counts_continue"]
    print ""
    print ""
    print "Restore MB/s = changelog key+value bytes / time; restart → restored = start() until RUNNING and (with a restore"
    print "listener) every restore ended; \"not measurable\" when the counts did not continue from the restored ones after"
    print "the restart (the store was not restored). Ratios are Sluice / Kafka."
}
