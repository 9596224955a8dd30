#!/usr/bin/env bash
# Serve the explorer as several Streamlit processes behind nginx (Debian's package).
#
#   deploy/start.sh                 # two processes behind nginx on port 8500
#   PROCESSES=4 PORT=80 deploy/start.sh
#
# Settings (environment):
#   PROCESSES   explorer processes (default 2; about one per core)
#   PORT        where nginx listens (default 8500); the processes listen on
#               127.0.0.1, ports PORT+1 ... PORT+PROCESSES
#   LISTEN      nginx's listen address (default: PORT on every interface)
#   PYTHON      the Python that has the explorer's packages (default: .venv/bin/python
#               of the checkout if it exists, else python3)
#   NGINX       the nginx program (default: nginx on PATH, then /usr/sbin/nginx)
#   RUN_DIR     where the generated nginx configuration, pid and logs go (default: a
#               new folder in the temp folder)
#   DISPUTE_WORKER_SLOTS  worker processes each explorer process runs at once for
#               maps and exports (default: the machine's cores shared out, at least 1)
#   DISPUTE_PACK and the app's other settings are passed on to every process.
#
# Runs in the foreground; Ctrl-C (or SIGTERM) stops nginx and every process.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
processes="${PROCESSES:-2}"
port="${PORT:-8500}"
listen="${LISTEN:-$port}"
if [[ -z "${PYTHON:-}" ]]; then
  if [[ -x "$root/.venv/bin/python" ]]; then PYTHON="$root/.venv/bin/python"; else PYTHON=python3; fi
fi
nginx="${NGINX:-$(command -v nginx || echo /usr/sbin/nginx)}"
run="${RUN_DIR:-$(mktemp -d "${TMPDIR:-/tmp}/explorer-nginx.XXXXXX")}"
mkdir -p "$run"

if ! [[ "$processes" =~ ^[1-9][0-9]?$ ]]; then
  echo "deploy/start.sh: PROCESSES must be a number from 1 to 99 (got '$processes')" >&2
  exit 2
fi
if ! [[ -x "$nginx" ]]; then
  echo "deploy/start.sh: nginx not found (apt-get install nginx, or set NGINX)" >&2
  exit 2
fi

cores="$(getconf _NPROCESSORS_ONLN 2>/dev/null || echo 2)"
export DISPUTE_WORKER_SLOTS="${DISPUTE_WORKER_SLOTS:-$(( cores / processes > 0 ? cores / processes : 1 ))}"

children=()
stop() {
  trap - INT TERM EXIT
  kill "${children[@]}" 2>/dev/null || true
  wait 2>/dev/null || true
}
trap stop INT TERM EXIT

servers=""
for ((i = 1; i <= processes; i++)); do
  app_port=$((port + i))
  "$PYTHON" -m streamlit run "$root/app.py" \
    --server.address 127.0.0.1 --server.port "$app_port" --server.headless true \
    > "$run/explorer-$app_port.log" 2>&1 &
  children+=("$!")
  # A process that stops answering is left alone for 10 s, then tried again.
  servers+="        server 127.0.0.1:$app_port max_fails=3 fail_timeout=10s;"$'\n'
done

sed -e "s#@RUN@#$run#g" -e "s#@LISTEN@#$listen#g" "$here/nginx.conf.template" \
  | awk -v servers="$servers" '{ if ($0 == "@SERVERS@") printf "%s", servers; else print }' \
  > "$run/nginx.conf"
"$nginx" -t -q -c "$run/nginx.conf" -p "$run"
"$nginx" -c "$run/nginx.conf" -p "$run" &
children+=("$!")
echo "explorer: $processes processes behind nginx on port $port (logs and configuration in $run)"
wait -n "${children[@]}"
echo "deploy/start.sh: a process ended; stopping the others (see $run)" >&2
exit 1
