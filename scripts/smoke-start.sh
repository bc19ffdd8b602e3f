#!/usr/bin/env bash
# CI's check of `npm start`: the demo clinic site comes up and serves its page, then the server is stopped.
set -euo pipefail
log=$(mktemp)
setsid npm start >"$log" 2>&1 &
pid=$!
trap 'kill -- -$pid 2>/dev/null || kill $pid 2>/dev/null || true' EXIT
for _ in $(seq 1 60); do
  if curl -fsS http://127.0.0.1:5173/demo/ 2>/dev/null | grep -q 'careslot demo' &&
    curl -fsS http://127.0.0.1:5173/demo/page.ts 2>/dev/null | grep -q 'booking-provider'; then
    echo "npm start: the demo clinic answers on http://127.0.0.1:5173/demo/"
    exit 0
  fi
  sleep 1
done
echo "npm start did not serve the demo clinic within 60 s:" >&2
cat "$log" >&2
exit 1
