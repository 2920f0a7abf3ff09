#!/usr/bin/env bash
# Load run, side by side: a client (a second process) straight to `palisade emulator`,
# through `palisade serve --emulator-address` (journal off, then on), and through
# Debian's nginx as a reverse proxy to the same emulator. Same load generator,
# connections and duration for each; every run starts from a fresh emulator in memory,
# so one run's groups never meet the next's quota (#35).
# Usage: scripts/load-compare.sh [connections] [seconds]
set -euo pipefail
cd "$(dirname "$0")/.."
conns=${1:-64}
secs=${2:-10}
command -v nginx >/dev/null || { apt-get update -qq && apt-get install -y -qq nginx >/dev/null; }
cargo build -q --profile server -p palisade-server --bin palisade --example load
work=$(mktemp -d)
pids=()
stop_all() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done; pids=(); }
trap 'stop_all; rm -rf "$work"' EXIT
mkdir -p "$work/dist" && echo '<!doctype html><title>load</title>' > "$work/dist/index.html"
cat > "$work/nginx.conf" <<NGINX
worker_processes auto;
pid $work/nginx.pid;
error_log $work/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  upstream emulator { server 127.0.0.1:8787; keepalive 128; }
  server {
    listen 127.0.0.1:8789;
    location /api/bce/bj/ {
      proxy_pass http://emulator/;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host bcc.bj.baidubce.com;
    }
  }
}
NGINX

# A fresh emulator (state in memory), and what stands in front of it for this run.
fresh() {
  stop_all
  target/server/palisade emulator --listen 127.0.0.1:8787 --state :memory: >/dev/null & pids+=($!)
  case "$1" in
    direct) ;;
    palisade) PALISADE_LOG=warn target/server/palisade serve --listen 127.0.0.1:8788 --dist "$work/dist" --emulator-address 127.0.0.1:8787 --journal off >/dev/null & pids+=($!) ;;
    journal) rm -f "$work"/journal.sqlite*
      PALISADE_LOG=warn target/server/palisade serve --listen 127.0.0.1:8788 --dist "$work/dist" --emulator-address 127.0.0.1:8787 --journal "$work/journal.sqlite" >/dev/null & pids+=($!) ;;
    nginx) nginx -p "$work" -c "$work/nginx.conf" -g 'daemon off;' & pids+=($!) ;;
  esac
  sleep 1
}

for run in "direct http://127.0.0.1:8787" "palisade http://127.0.0.1:8788/api/bce/bj" "journal http://127.0.0.1:8788/api/bce/bj" "nginx http://127.0.0.1:8789/api/bce/bj"; do
  set -- $run
  fresh "$1"
  echo "== $1 ($2)"
  target/server/examples/load "$2" "$conns" "$secs"
done
stop_all
echo "== embedded emulator, state in a file, static files fetched meanwhile (http://127.0.0.1:8790/api/bce/bj)"
PALISADE_LOG=warn target/server/palisade serve --listen 127.0.0.1:8790 --dist "$work/dist" --state "$work/state.sqlite" --journal off >/dev/null & pids+=($!)
sleep 1
target/server/examples/load http://127.0.0.1:8790/api/bce/bj "$conns" "$secs" static
