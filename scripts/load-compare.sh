#!/usr/bin/env bash
# Load run, side by side: a client (a second process) straight to `palisade emulator`,
# through `palisade serve --emulator-address`, and through Debian's nginx as a reverse
# proxy to the same emulator. Same load generator, connections and duration for each.
# Usage: scripts/load-compare.sh [connections] [seconds]
set -euo pipefail
cd "$(dirname "$0")/.."
conns=${1:-64}
secs=${2:-10}
command -v nginx >/dev/null || { apt-get update -qq && apt-get install -y -qq nginx >/dev/null; }
cargo build -q --profile server -p palisade-server --bin palisade --example load
work=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT
mkdir -p "$work/dist" && echo '<!doctype html><title>load</title>' > "$work/dist/index.html"

target/server/palisade emulator --listen 127.0.0.1:8787 >/dev/null & pids+=($!)
PALISADE_LOG=warn target/server/palisade serve --listen 127.0.0.1:8788 --dist "$work/dist" --emulator-address 127.0.0.1:8787 >/dev/null & pids+=($!)
# The embedded emulator with its state in a file (fsync on every commit), to see what
# writes do to the static files served beside them.
PALISADE_LOG=warn target/server/palisade serve --listen 127.0.0.1:8790 --dist "$work/dist" --state "$work/state.sqlite" >/dev/null & pids+=($!)
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
nginx -p "$work" -c "$work/nginx.conf" -g 'daemon off;' & pids+=($!)
sleep 1

for run in "direct http://127.0.0.1:8787" "palisade http://127.0.0.1:8788/api/bce/bj" "nginx http://127.0.0.1:8789/api/bce/bj"; do
  set -- $run
  echo "== $1 ($2)"
  target/server/examples/load "$2" "$conns" "$secs"
done
echo "== embedded emulator, state in a file, static files fetched meanwhile (http://127.0.0.1:8790/api/bce/bj)"
target/server/examples/load http://127.0.0.1:8790/api/bce/bj "$conns" "$secs" static
