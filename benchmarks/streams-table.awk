# The side-by-side table of run-streams.sh: Kafka Streams' TopologyTestDriver vs Sluice's, same topologies, same
# data. Input: one line per JMH result (benchmark <TAB> storeType <TAB> score <TAB> error <TAB> outputs/s), as
# run-streams.sh extracts from JMH's JSON. Results pair by class.method and storeType: ...streams.kafka.X.m with
# ...streams.sluice.X.m. Re-print the table of an earlier run:
#   awk -v FS='\t' -f benchmarks/streams-table.awk benchmarks/target/streams-results/<run>/results.tsv
function fmt(x) { return x == "" ? "–" : sprintf("%'d", x + 0.5) }
function cell(k) { return (k in score) ? fmt(score[k]) (err[k] ~ /^[0-9.eE+-]+$/ ? " ± " fmt(err[k]) : "") : "–" }
function perInput(k) { return (k in score) && score[k] > 0 && outs[k] != "" ? sprintf("%.2f", outs[k] / score[k]) : "–" }
{
    impl = ""
    if (match($1, /\.streams\.kafka\./)) impl = "kafka"
    else if (match($1, /\.streams\.sluice\./)) impl = "sluice"
    if (impl == "") next
    name = substr($1, RSTART + RLENGTH)     # Class.method
    row = name "|" $2
    if (!(row in seen)) { seen[row] = 1; rows[++n] = row }
    k = impl "|" row
    score[k] = $3; err[k] = $4; outs[k] = $5
}
END {
    print "| benchmark | store | Kafka 4.3.1 TTD, records/s | Sluice TTD, records/s | Sluice/Kafka | target | outputs per input (Kafka / Sluice) |"
    print "|---|---|---:|---:|---:|---|---|"
    for (i = 1; i <= n; i++) {
        split(rows[i], part, "|")
        kk = "kafka|" rows[i]; ks = "sluice|" rows[i]
        ratio = (kk in score) && (ks in score) && score[kk] > 0 ? sprintf("%.2f×", score[ks] / score[kk]) : "–"
        target = part[1] ~ /^Stateless/ ? "≥ 3×" : "≥ 10×"
        printf "| %s | %s | %s | %s | %s | %s | %s / %s |\n", part[1], part[2], cell(kk), cell(ks), ratio, target,
            perInput(kk), perInput(ks)
    }
    print ""
    print "records/s = input records piped per second (word count: lines of 8 words), ± JMH 99.9% error. Outputs per"
    print "input must match between the drivers (word count 8, stateless 0.9, the others 1)."
}
