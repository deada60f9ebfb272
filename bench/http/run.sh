#!/usr/bin/env bash
# HTTP load benchmark: lmddb-server against dynalite (a Node.js DynamoDB
# emulator, in memory) and against http_floor_server (lmddb's HTTP stack
# answering fixed bodies: the HTTP floor of this machine), in one run, with
# wrk. See bench/README.md, "HTTP server".
#
#   bench/http/run.sh [--smoke] BUILD_DIR
#
# BUILD_DIR holds api/lmddb-server and bench/http_floor_server (build both
# targets first). dynalite is installed with npm into BUILD_DIR/dynalite when
# missing (only here, never at build time). Scratch data and logs go to
# BUILD_DIR/http-bench (BUILD_DIR/http-bench-smoke with --smoke).
#
# Environment (defaults in brackets):
#   HTTP_BENCH_DURATION  seconds per measured wrk run [5]
#   HTTP_BENCH_REPEAT    repetitions of the whole matrix; medians are shown [3]
#   HTTP_BENCH_WARMUP    seconds of unmeasured load per server and operation [2]
#   HTTP_BENCH_CONNS     connection counts [1 16]; wrk threads = min(conns, 2)
#   HTTP_BENCH_ITEMS     items pre-loaded for GetItem [10000]
#   HTTP_BENCH_OPS       operations [GetItem Query PutItem]
#   HTTP_BENCH_SERVER_THREADS  worker threads of lmddb-server (nosync) and the
#                        floor [64, lmddb-server's default]
#   HTTP_BENCH_DURABLE_THREADS worker threads of the durable lmddb-server [64]:
#                        a worker waits for its commit's fsync, so concurrent
#                        durable writes (and group commit) are capped by it
#   LMDDB_SERVER, HTTP_FLOOR_SERVER, WRK, PYTHON3, NODE, NPM: programs to use
#
# --smoke: lmddb-server and the floor only (no npm, no node), 1 s per run,
# 2 connections, 200 items. Either way the exit status is non-zero if any
# answer was not 200, lacked the expected item(s), or a socket failed.
set -euo pipefail

readonly DYNALITE_VERSION=4.0.0

usage() {
  echo "usage: $0 [--smoke] BUILD_DIR" >&2
  exit 2
}

smoke=0
if [[ ${1:-} == --smoke ]]; then
  smoke=1
  shift
fi
[[ $# -eq 1 && -d $1 ]] || usage
build=$(cd "$1" && pwd)
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

duration=${HTTP_BENCH_DURATION:-5}
repeat=${HTTP_BENCH_REPEAT:-3}
warmup=${HTTP_BENCH_WARMUP:-2}
conns_list=${HTTP_BENCH_CONNS:-1 16}
items=${HTTP_BENCH_ITEMS:-10000}
ops=${HTTP_BENCH_OPS:-GetItem Query PutItem}
server_threads=${HTTP_BENCH_SERVER_THREADS:-64}
durable_threads=${HTTP_BENCH_DURABLE_THREADS:-64}
lmddb_server=${LMDDB_SERVER:-$build/api/lmddb-server}
floor_server=${HTTP_FLOOR_SERVER:-$build/bench/http_floor_server}
wrk=${WRK:-wrk}
python=${PYTHON3:-python3}
node=${NODE:-node}
npm=${NPM:-npm}
work=$build/http-bench
if ((smoke)); then
  duration=1 repeat=1 warmup=0 conns_list=2 items=200
  work=$build/http-bench-smoke
fi

for program in "$lmddb_server" "$floor_server"; do
  [[ -x $program ]] || { echo "run.sh: $program not built" >&2; exit 1; }
done
command -v "$wrk" >/dev/null || { echo "run.sh: wrk not found" >&2; exit 1; }

# --- servers --------------------------------------------------------------

declare -A pid url
started_servers=()

stop_servers() {
  local name
  for name in "${started_servers[@]}"; do
    kill -TERM "${pid[$name]}" 2>/dev/null || true
  done
  for name in "${started_servers[@]}"; do
    wait "${pid[$name]}" 2>/dev/null || true
  done
  started_servers=()
}

cleanup() {
  stop_servers
  rm -rf "$work"/data
}
trap cleanup EXIT

# start_server NAME COMMAND...: runs it in the background and waits for its
# "listening on|at ...:PORT" line.
start_server() {
  local name=$1 line port
  local log=$work/$name.log
  shift
  : >"$log"
  "$@" >"$log" 2>&1 &
  pid[$name]=$!
  started_servers+=("$name")
  for _ in $(seq 300); do
    line=$(grep -m1 -E 'listening (on|at) ' "$log" || true)
    if [[ -n $line ]]; then
      port=${line##*:}
      url[$name]=http://127.0.0.1:$port
      return
    fi
    if ! kill -0 "${pid[$name]}" 2>/dev/null; then break; fi
    sleep 0.1
  done
  echo "run.sh: $name did not start:" >&2
  cat "$log" >&2
  exit 1
}

install_dynalite() {
  local dir=$build/dynalite installed=""
  if [[ -f $dir/node_modules/dynalite/package.json ]]; then
    installed=$("$node" -p "require('$dir/node_modules/dynalite/package.json').version")
  fi
  if [[ $installed != "$DYNALITE_VERSION" ]]; then
    echo "installing dynalite@$DYNALITE_VERSION into $dir" >&2
    mkdir -p "$dir"
    "$npm" install --prefix "$dir" --no-audit --no-fund "dynalite@$DYNALITE_VERSION" >&2
  fi
}

rm -rf "$work"
mkdir -p "$work/data"

servers=(lmddb floor)
start_server lmddb "$lmddb_server" --data "$work/data/lmddb-nosync" --port 0 \
  --threads "$server_threads" --nosync
start_server floor "$floor_server" --data "$work/data/floor" --port 0 --threads "$server_threads"
if [[ " $ops " == *" PutItem "* ]]; then
  start_server lmddb-durable "$lmddb_server" --data "$work/data/lmddb-durable" --port 0 \
    --threads "$durable_threads"
fi
if ((!smoke)); then
  install_dynalite
  # dynalite's own server, in memory (no path), on a free port; tables are
  # ACTIVE at once instead of after its default 500 ms.
  start_server dynalite "$node" -e "
    const server = require('$build/dynalite/node_modules/dynalite')({createTableMs: 0});
    server.listen(0, '127.0.0.1', () =>
      console.log('dynalite listening on 127.0.0.1:' + server.address().port));"
  servers+=(dynalite)
fi

for name in "${servers[@]}"; do
  [[ $name == floor ]] && continue  # answers from memory
  "$python" "$here/load.py" "${url[$name]}" "$items"
done
if [[ -n ${url[lmddb-durable]:-} ]]; then
  "$python" "$here/load.py" "${url[lmddb-durable]}" 0 --tables-only
fi

# --- wrk ------------------------------------------------------------------

declare -A result  # "OP SERVER CONNS" -> "rps p50_us p99_us" per repetition, one per line
failures=0

script_of() {
  case $1 in
    GetItem) echo get_item.lua ;;
    PutItem) echo put_item.lua ;;
    Query) echo query.lua ;;
    *) echo "run.sh: unknown operation $1" >&2; exit 2 ;;
  esac
}

# run_wrk OP SERVER CONNS SECONDS [record]
run_wrk() {
  local op=$1 name=$2 conns=$3 seconds=$4 record=${5:-}
  local threads=$((conns < 2 ? conns : 2)) out line
  out=$work/wrk-$op-$name-c$conns${record:+-measured}.txt
  if ! LUA_PATH="$here/?.lua;;" "$wrk" -t"$threads" -c"$conns" -d"${seconds}s" --timeout 5s \
      -s "$here/$(script_of "$op")" "${url[$name]}" -- "$items" >"$out" 2>&1; then
    echo "run.sh: wrk failed for $op on $name ($conns connections):" >&2
    cat "$out" >&2
    failures=$((failures + 1))
    return
  fi
  line=$(grep -m1 '^WRKRESULT ' "$out" || true)
  if [[ -z $line ]]; then
    echo "run.sh: no WRKRESULT line for $op on $name:" >&2
    cat "$out" >&2
    failures=$((failures + 1))
    return
  fi
  local -A f=()
  local kv
  for kv in ${line#WRKRESULT }; do f[${kv%%=*}]=${kv#*=}; done
  if ((f[non200] + f[bad_body] + f[socket_errors] > 0)); then
    echo "run.sh: $op on $name ($conns connections): ${f[non200]} non-200," \
      "${f[bad_body]} incomplete bodies, ${f[socket_errors]} socket errors" >&2
    failures=$((failures + 1))
  fi
  if ! kill -0 "${pid[$name]}" 2>/dev/null; then
    echo "run.sh: $name exited during $op" >&2
    failures=$((failures + 1))
  fi
  if [[ -n $record ]]; then
    result["$op $name $conns"]+="${f[rps]} ${f[p50_us]} ${f[p99_us]}"$'\n'
    printf '%-8s %-14s c=%-3s %10.0f req/s  p50 %7.3f ms  p99 %7.3f ms\n' "$op" "$name" \
      "$conns" "${f[rps]}" "$(awk "BEGIN{print ${f[p50_us]}/1000}")" \
      "$(awk "BEGIN{print ${f[p99_us]}/1000}")"
  fi
}

max_conns=$(tr ' ' '\n' <<<"$conns_list" | sort -n | tail -1)
echo "# $(date -u '+%Y-%m-%d %H:%M UTC'); load at start: $(uptime | sed 's/.*load average: //')"
echo "# ${duration} s per run x ${repeat}, warm-up ${warmup} s, ${items} items," \
  "connections: $conns_list"
# The servers of one operation, in the order they are measured.
servers_of() {
  if [[ $1 == PutItem ]]; then
    echo lmddb lmddb-durable "${servers[@]:1}"
  else
    echo "${servers[@]}"
  fi
}
if ((warmup > 0)); then
  for op in $ops; do
    for name in $(servers_of "$op"); do run_wrk "$op" "$name" "$max_conns" "$warmup"; done
  done
fi
# Servers measured back to back for each row, whole matrix repeated: load
# from other processes drifts, and this spreads it over all servers alike.
for ((rep = 1; rep <= repeat; rep++)); do
  for op in $ops; do
    for conns in $conns_list; do
      for name in $(servers_of "$op"); do
        run_wrk "$op" "$name" "$conns" "$duration" record
      done
    done
  done
done
echo "# load at end: $(uptime | sed 's/.*load average: //')"

stop_servers

# --- table ----------------------------------------------------------------

# median FIELD LINES: the median of column FIELD (1 rps, 2 p50, 3 p99).
median() {
  awk -v f="$1" 'NF { print $f }' <<<"$2" | sort -g |
    awk '{ v[n++] = $1 } END { if (n) print (n % 2 ? v[(n - 1) / 2] : (v[n / 2 - 1] + v[n / 2]) / 2) }'
}

# cell OP SERVER CONNS: "median req/s [min-max] (p50 / p99 ms)"
cell() {
  local runs=${result["$1 $2 $3"]:-}
  [[ -z $runs ]] && { echo "-"; return; }
  local rps p50 p99 range
  rps=$(median 1 "$runs") p50=$(median 2 "$runs") p99=$(median 3 "$runs")
  range=$(awk 'NF { if (min == "" || $1 < min) min = $1; if ($1 > max) max = $1; n++ }
    END { if (n > 1) printf " [%.0f-%.0f]", min, max }' <<<"$runs")
  awk -v r="$rps" -v a="$p50" -v b="$p99" -v g="$range" \
    'BEGIN { printf "%.0f%s (%.2f / %.2f)", r, g, a / 1000, b / 1000 }'
}

# ratio "OP SERVER CONNS" "OP SERVER CONNS": ratio of median req/s.
ratio() {
  local a=${result["$1"]:-} b=${result["$2"]:-}
  [[ -z $a || -z $b ]] && { echo "-"; return; }
  awk -v a="$(median 1 "$a")" -v b="$(median 1 "$b")" 'BEGIN { printf "%.2f", a / b }'
}

echo
echo "median req/s of $repeat run(s) [range] (median p50 / p99 latency in ms)"
echo
echo "| operation | conns | lmddb | dynalite | floor | lmddb / dynalite | lmddb / floor |"
echo "|---|---|---|---|---|---|---|"
for op in $ops; do
  variants=(lmddb)
  [[ $op == PutItem ]] && variants=(lmddb lmddb-durable)
  for variant in "${variants[@]}"; do
    label=$op
    [[ $op == PutItem ]] && label="PutItem, $([[ $variant == lmddb ]] && echo nosync || echo durable)"
    for conns in $conns_list; do
      echo "| $label | $conns | $(cell "$op" "$variant" "$conns") |" \
        "$(cell "$op" dynalite "$conns") | $(cell "$op" floor "$conns") |" \
        "$(ratio "$op $variant $conns" "$op dynalite $conns") |" \
        "$(ratio "$op $variant $conns" "$op floor $conns") |"
    done
  done
done
echo
echo "# total ${SECONDS} s"

if ((failures > 0)); then
  echo "run.sh: $failures run(s) failed (see above; wrk outputs in $work)" >&2
  exit 1
fi
