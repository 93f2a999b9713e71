# Sourced by scripts/test and scripts/cluster: makes sure what a Galera cluster on this machine needs is
# there (Debian's galera-4, rsync for the snapshot transfer, haproxy, mariadb-server), installed where
# missing. The test suite's ClusterChaosTest runs one (docs/operations.md, "Running on a cluster").

ensure_galera() {
  local missing=()
  [[ -f /usr/lib/galera/libgalera_smm.so ]] || missing+=(galera-4)
  command -v rsync >/dev/null || missing+=(rsync)
  command -v haproxy >/dev/null || missing+=(haproxy)
  [[ -x /usr/sbin/mariadbd ]] || missing+=(mariadb-server)
  if ((${#missing[@]} == 0)); then
    return 0
  fi
  if ! command -v apt-get >/dev/null; then
    echo "A Galera cluster needs ${missing[*]} (Debian's packages); install them, or the cluster tests fail." >&2
    return 1
  fi
  echo "Installing ${missing[*]} for the Galera cluster..." >&2
  local sudo=""; [[ $(id -u) -ne 0 ]] && sudo="sudo"
  $sudo apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >&2
}
