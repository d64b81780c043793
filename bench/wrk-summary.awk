# wrk --latency output → "req/s p50_ms p99_ms non2xx" (non-2xx answers and socket errors together)
function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
/Requests\/sec:/ { rps = $2 }
/^ +50%/ { p50 = ms($2) }
/^ +99%/ { p99 = ms($2) }
/Non-2xx or 3xx responses:/ { bad = $NF }
/Socket errors:/ { for (i = 1; i <= NF; i++) if ($i ~ /^[0-9]+,?$/) bad += $i + 0 }
END { printf "%.0f %.2f %.2f %d\n", rps, p50, p99, bad + 0 }
