#!/bin/bash
# Peak server memory during a 20 MB paper upload, its download and export.zip
# (BENCHMARKS.md, "The server's memory during a 20 MB upload and download").
# Run from the repository after `cargo build`; uses Postgres on 127.0.0.1 as
# user postgres, database sr_papers_mem (dropped and made afresh), port 18731.
set -u
BIN=${BIN:-target/debug/secondround}
T=$(mktemp -d)
(printf "%%PDF-1.7\n"; head -c 20971000 /dev/urandom) > $T/cv.pdf
export DATABASE_URL=postgres://postgres@127.0.0.1:5432/sr_papers_mem
export SECONDROUND_BIND=127.0.0.1:18731 SECONDROUND_LOG_FORMAT=json RUST_LOG=warn
psql -q -h 127.0.0.1 -U postgres -d postgres -c "drop database if exists sr_papers_mem with (force)" >/dev/null
$BIN migrate >/dev/null 2>&1 || { echo migrate failed; exit 1; }
echo 'correct horse battery staple' | $BIN create-user --email hr@example.no --role hr --locale en >/dev/null 2>&1 || { echo user failed; exit 1; }
$BIN seed-demo >/dev/null 2>&1 || echo "(seed-demo failed)"
CAND=$(psql -At -h 127.0.0.1 -U postgres -d sr_papers_mem -c "select id from candidate limit 1")
echo "candidate $CAND"
$BIN serve > $T/server.log 2>&1 &
PID=$!
echo $PID > $T/pid
for i in $(seq 1 100); do curl -s -o /dev/null http://127.0.0.1:18731/healthz && break; sleep 0.2; done
mem() { grep -E 'VmHWM|VmRSS' /proc/$PID/status | tr -s ' ' | tr '\n' ' '; echo; }
J=$T/jar; rm -f $J
B=http://127.0.0.1:18731
TOKEN=$(curl -s -c $J -b $J $B/login | grep -o 'name="csrf_token" value="[^"]*"' | head -1 | sed 's/.*value="//;s/"//')
curl -s -o /dev/null -w "login %{http_code}\n" -c $J -b $J -H "Origin: $B" --data-urlencode "csrf_token=$TOKEN" --data-urlencode "email=hr@example.no" --data-urlencode "password=correct horse battery staple" $B/login
curl -s -o /dev/null -w "candidate page %{http_code}\n" -c $J -b $J $B/candidates/$CAND
TOKEN=$(curl -s -c $J -b $J $B/candidates/$CAND | grep -o 'name="csrf-token" content="[^"]*"' | head -1 | sed 's/.*content="//;s/"//')
echo -n "idle: "; mem
echo 5 > /proc/$PID/clear_refs
curl -s -o /dev/null -w "upload %{http_code} %{time_total}s\n" -c $J -b $J -H "Origin: $B" -F "file=@$T/cv.pdf;filename=cv.pdf" "$B/candidates/$CAND/papers?csrf_token=$TOKEN"
echo -n "after upload: "; mem
PAPER=$(psql -At -h 127.0.0.1 -U postgres -d sr_papers_mem -c "select id from paper limit 1")
echo 5 > /proc/$PID/clear_refs
curl -s -o $T/out.pdf -w "download %{http_code} %{size_download} bytes %{time_total}s\n" -c $J -b $J "$B/candidates/$CAND/papers/$PAPER"
echo -n "after download: "; mem
echo 5 > /proc/$PID/clear_refs
curl -s -o /dev/null -w "zip %{http_code} %{size_download} bytes %{time_total}s\n" -c $J -b $J "$B/candidates/$CAND/export.zip"
echo -n "after export.zip: "; mem
cmp $T/cv.pdf $T/out.pdf && echo "download identical"
kill $PID
