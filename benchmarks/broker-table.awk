# The comparison table of run-broker.sh, from its results.tsv (broker <TAB> metric <TAB> value). Re-print one:
#   awk -v FS='\t' -v n100=2000000 -v n1k=500000 -f benchmarks/broker-table.awk benchmarks/target/broker-results/<run>/results.tsv
{ v[$1 "|" $2] = $3 }
function median3(b,   a, x, y, z) {
    x = v[b "|start.1"]; y = v[b "|start.2"]; z = v[b "|start.3"]
    if (x > y) { t = x; x = y; y = t } if (y > z) { t = y; y = z; z = t } if (x > y) { t = x; x = y; y = t }
    return y
}
function row(label, m, target, higher,   s, k, r, met) {
    s = v["sluice|" m]; k = v["kafka|" m]
    if (s == "" || k == "" || k == 0) { printf "| %s | %s | %s | | %s | – |\n", label, s, k, target; return }
    r = s / k
    met = target == "–" ? "–" : (higher ? (r >= 1.5 ? "yes" : "**no**") : (r <= 0.5 ? "yes" : "**no**"))
    printf "| %s | %s | %s | %.2f× | %s | %s |\n", label, fmt(s), fmt(k), r, target, met
}
function cpurow(label, m,   s, k) {
    s = v["sluice|" m]; k = v["kafka|" m]
    printf "| %s | %s | %s | %s |\n", label, s, k, ((s > 0 && k != "") ? sprintf("%.2f×", k / s) : "")
}
function fmt(x) { return x ~ /\./ ? sprintf("%.2f", x) : sprintf("%'d", x) }
END {
    print "| scenario | Sluice | Kafka 4.3.1 | Sluice/Kafka | target | met? |"
    print "|---|---:|---:|---:|---|---|"
    s = median3("sluice"); k = median3("kafka")
    printf "| start to ready, ms (median of 3 cold starts) | %d | %d | %s | Sluice ≤ 500 ms | %s |\n", s, k,
        (k > 0 ? sprintf("%.2f×", s / k) : ""), (s <= 500 ? "yes" : "**no**")
    x = v["sluice|start.cds.1"]; y = v["sluice|start.cds.2"]; z = v["sluice|start.cds.3"]
    if (x != "") {
        if (x > y) { t = x; x = y; y = t } if (y > z) { t = y; y = z; z = t } if (x > y) { t = x; x = y; y = t }
        printf "| *start to ready, ms, Sluice with an AppCDS archive (median of 3)* | %d | | | Sluice ≤ 500 ms | %s |\n", y,
            (y <= 500 ? "yes" : "**no**")
    }
    split("kcat java", tools, " "); split("100 1024", sizes, " "); split("1 all", acks, " ")
    for (t = 1; t <= 2; t++) for (z = 1; z <= 2; z++) for (a = 1; a <= 2; a++)
        row("produce " tools[t] ", " sizes[z] " B, acks=" acks[a] ", records/s", "produce." tools[t] "." sizes[z] ".acks" acks[a], "≥ 1.5×", 1)
    for (t = 1; t <= 2; t++) for (z = 1; z <= 2; z++)
        row("consume " tools[t] ", " sizes[z] " B, records/s", "consume." tools[t] "." sizes[z], "≥ 1.5×", 1)
    row("end-to-end p50, ms", "e2e.p50_ms", "–", 0)
    row("end-to-end p99, ms", "e2e.p99_ms", "≤ 0.5×", 0)
    row("end-to-end p99.9, ms", "e2e.p999_ms", "–", 0)
    row("end-to-end max, ms", "e2e.max_ms", "–", 0)
    if (v["sluice|cpu.e2e"] != "" || v["kafka|cpu.e2e"] != "") {
    print ""
    print "| broker CPU, µs per record (user+sys of the broker process) | Sluice | Kafka 4.3.1 | Kafka/Sluice |"
    print "|---|---:|---:|---:|"
    for (t = 1; t <= 2; t++) for (z = 1; z <= 2; z++) for (a = 1; a <= 2; a++)
        cpurow("produce " tools[t] ", " sizes[z] " B, acks=" acks[a], "cpu.produce." tools[t] "." sizes[z] ".acks" acks[a])
    for (t = 1; t <= 2; t++) for (z = 1; z <= 2; z++)
        cpurow("consume " tools[t] ", " sizes[z] " B", "cpu.consume." tools[t] "." sizes[z])
    cpurow("end-to-end run (fixed rate, acks=all, producer + consumer)", "cpu.e2e")
    }
    printf "\n%s × 100 B and %s × 1 KiB records per produce run; consumers read the acks=1 topics. E2E: sent/received/failed Sluice %s/%s/%s, Kafka %s/%s/%s.\n",
        n100, n1k, v["sluice|e2e.sent"], v["sluice|e2e.received"], v["sluice|e2e.failed"],
        v["kafka|e2e.sent"], v["kafka|e2e.received"], v["kafka|e2e.failed"]
}
