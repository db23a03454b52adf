#!/usr/bin/env bash
# A throwaway single-node Ceph cluster with an S3 gateway (radosgw), for tests that talk to a
# real S3-compatible object store. Debian 12 packages: ceph-mon ceph-osd radosgw ceph-common.
#
#   ceph_cluster.sh start DIR   DIR must be an empty folder. Starts one monitor, one OSD on
#                               memstore (objects in RAM, nothing on disk but logs) and radosgw,
#                               all on 127.0.0.1 at free ports, creates the S3 user, and writes
#                               DIR/s3.env (S3_ENDPOINT, S3_ACCESS_KEY, S3_SECRET_KEY). Exit 0
#                               when the gateway answers; otherwise the end of the logs on stderr.
#   ceph_cluster.sh stop DIR    Kills the daemons started in DIR (by their pid files) and
#                               removes DIR. Safe to run more than once, or on a half-started DIR.
#
# As root the daemons run as `nobody` (setpriv); the folder must then be reachable by it.
# No manager daemon: pools, PGs and the gateway work without one (`ceph -s` warns).
# Authentication inside the cluster is off (auth none): it listens on loopback only and lives
# for one test run. The S3 gateway itself still checks SigV4 signatures.
set -euo pipefail

command="${1:-}"
dir="${2:-}"
if [[ -z "$command" || -z "$dir" ]]; then
  echo "usage: $0 start|stop DIR" >&2
  exit 2
fi

# A free TCP port on 127.0.0.1 (the kernel picks it; a race with another binder is possible
# but rare, and start fails clearly when it happens).
free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

as_daemon_user() {
  if [[ $(id -u) -eq 0 ]]; then
    setpriv --reuid=65534 --regid=65534 --clear-groups -- "$@"
  else
    "$@"
  fi
}

started_at_s=$EPOCHREALTIME
# Notes how long start-up has taken so far, in DIR/setup.log.
mark() {
  echo "ceph_cluster: $1 after $(awk "BEGIN{printf \"%.1f\", $EPOCHREALTIME - $started_at_s}") s" >>"$dir/setup.log"
}

show_logs() {
  for f in "$dir"/log/*.log "$dir"/setup.log; do
    [[ -f "$f" ]] || continue
    echo "--- $f" >&2
    tail -n 15 "$f" >&2
  done
}

stop_cluster() {
  [[ -d "$dir" ]] || return 0
  local pid_file pid pids=()
  for pid_file in "$dir"/run/*.pid; do
    [[ -f "$pid_file" ]] || continue
    pid=$(cat "$pid_file" 2>/dev/null || true)
    [[ "$pid" =~ ^[0-9]+$ ]] && kill -KILL "$pid" 2>/dev/null && pids+=("$pid")
  done
  # Gone before their folder is: a dying daemon could still write a log line into it.
  for pid in "${pids[@]}"; do
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  done
  rm -rf "$dir"
}

write_config() {
  local mon_port="$1" rgw_port="$2"
  cat >"$dir/ceph.conf" <<EOF
[global]
fsid = $(cat /proc/sys/kernel/random/uuid)
mon host = v2:127.0.0.1:$mon_port
public addr = 127.0.0.1
ms bind msgr1 = false
auth cluster required = none
auth service required = none
auth client required = none
ms mon client mode = crc
client mount timeout = 30
rgw init timeout = 60
mon cluster log file = $dir/log/cluster.log
run dir = $dir/run
pid file = $dir/run/\$name.pid
admin socket = $dir/run/\$name.asok
log file = $dir/log/\$name.log
keyring = $dir/keyring
mon data = $dir/mon/\$id
osd data = $dir/osd/\$id
osd objectstore = memstore
memstore device bytes = 536870912
osd pool default size = 1
osd pool default min size = 1
osd pool default pg num = 8
osd pool default pgp num = 8
osd pool default pg autoscale mode = off
osd crush chooseleaf type = 0
mon allow pool size one = true
mon allow pool delete = true
# Commit map changes at once rather than batching them for 1 s: the gateway makes about ten
# in a row on first start (pools), which took 9 s with the default.
paxos propose interval = 0.01
mon warn on pool no redundancy = false
mon data avail warn = 2
mon data avail crit = 1
osd memory target = 939524096
rgw frontends = beast endpoint=127.0.0.1:$rgw_port
rgw data = $dir/rgw
rgw enable usage log = false
rgw dns name = 127.0.0.1
EOF
}

start_mon() {
  local mon_port="$1"
  monmaptool --create --fsid "$(sed -n 's/^fsid = //p' "$dir/ceph.conf")" \
    --addv a "[v2:127.0.0.1:$mon_port]" "$dir/monmap" >>"$dir/setup.log" 2>&1
  ceph-authtool --create-keyring "$dir/keyring" --gen-key -n mon. --cap mon 'allow *' >>"$dir/setup.log" 2>&1
  chmod 0644 "$dir/keyring"
  as_daemon_user ceph-mon -c "$dir/ceph.conf" -i a --mkfs --monmap "$dir/monmap" >>"$dir/setup.log" 2>&1
  as_daemon_user ceph-mon -c "$dir/ceph.conf" -i a >>"$dir/setup.log" 2>&1
}

start_osd() {
  local uuid id
  uuid=$(cat /proc/sys/kernel/random/uuid)
  id=$(ceph -c "$dir/ceph.conf" --connect-timeout 30 osd new "$uuid" 2>>"$dir/setup.log")
  as_daemon_user mkdir -p "$dir/osd/$id"
  as_daemon_user ceph-osd -c "$dir/ceph.conf" -i "$id" --mkfs --osd-uuid "$uuid" >>"$dir/setup.log" 2>&1
  as_daemon_user ceph-osd -c "$dir/ceph.conf" -i "$id" >>"$dir/setup.log" 2>&1
}

start_rgw() {
  as_daemon_user radosgw -c "$dir/ceph.conf" -n client.rgw >>"$dir/setup.log" 2>&1
}

# Waits until the gateway answers HTTP (any status) or gives up after `limit_s` seconds.
wait_for_rgw() {
  local endpoint="$1" limit_s="$2" waited_ds=0
  until curl -s -o /dev/null --max-time 2 "$endpoint/"; do
    sleep 0.2
    waited_ds=$((waited_ds + 2))
    ((waited_ds < limit_s * 10)) || return 1
  done
}

create_s3_user() {
  local access_key secret_key
  access_key="ECHOES$(head -c 10 /dev/urandom | od -An -tx1 | tr -d ' \n' | tr a-f A-F)"
  secret_key="$(head -c 30 /dev/urandom | base64 | tr -d '/+=\n')"
  radosgw-admin -c "$dir/ceph.conf" -n client.admin user create --uid=echoes --display-name=echoes \
    --access-key="$access_key" --secret-key="$secret_key" >/dev/null 2>>"$dir/setup.log"
  umask 077
  cat >"$dir/s3.env" <<EOF
S3_ENDPOINT=$1
S3_ACCESS_KEY=$access_key
S3_SECRET_KEY=$secret_key
EOF
}

start_cluster() {
  [[ -d "$dir" && -z "$(ls -A "$dir")" ]] || { echo "ceph_cluster: $dir must be an empty folder" >&2; exit 2; }
  for program in ceph-mon ceph-osd radosgw radosgw-admin ceph monmaptool ceph-authtool; do
    command -v "$program" >/dev/null || { echo "ceph_cluster: $program is not installed" >&2; exit 3; }
  done
  [[ $(id -u) -eq 0 ]] && chown 65534:65534 "$dir"
  chmod 0755 "$dir"
  as_daemon_user mkdir -p "$dir/run" "$dir/log" "$dir/mon/a" "$dir/osd" "$dir/rgw"
  local mon_port rgw_port endpoint
  mon_port=$(free_port)
  rgw_port=$(free_port)
  endpoint="http://127.0.0.1:$rgw_port"
  write_config "$mon_port" "$rgw_port"
  start_mon "$mon_port" && mark "monitor up" && start_osd && mark "OSD up" && start_rgw &&
    wait_for_rgw "$endpoint" 60 && mark "gateway answers" && create_s3_user "$endpoint" && mark "S3 user created" || {
    echo "ceph_cluster: the cluster did not start" >&2
    show_logs
    exit 1
  }
}

case "$command" in
  start) start_cluster ;;
  stop) stop_cluster ;;
  *) echo "usage: $0 start|stop DIR" >&2; exit 2 ;;
esac
