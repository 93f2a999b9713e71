# Sourced by scripts/test, scripts/run --mysql and scripts/bench: makes sure a MySQL-compatible
# server answers. BEHALF_DB_URL, when set, is trusted as is. Otherwise 127.0.0.1:3306 is used;
# where nothing answers there, the local MariaDB is started, or on Debian installed and started.

db_answers() { # host port
  (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null
}

ensure_mysql() {
  if [[ -n "${BEHALF_DB_URL:-}" ]]; then
    return 0
  fi
  if db_answers 127.0.0.1 3306; then
    return 0
  fi
  if [[ ! -x /usr/sbin/mariadbd ]]; then
    if ! command -v apt-get >/dev/null; then
      echo "No database answers on 127.0.0.1:3306 and this is not Debian: set BEHALF_DB_URL to a MySQL server." >&2
      return 1
    fi
    echo "Installing mariadb-server (no database answers on 127.0.0.1:3306)..." >&2
    local sudo=""; [[ $(id -u) -ne 0 ]] && sudo="sudo"
    $sudo apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq mariadb-server >&2
  fi
  echo "Starting the local MariaDB..." >&2
  local sudo=""; [[ $(id -u) -ne 0 ]] && sudo="sudo"
  $sudo install -d -o mysql -g mysql /run/mysqld
  $sudo start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd
  for _ in $(seq 1 60); do
    if db_answers 127.0.0.1 3306; then
      allow_root_over_tcp "$sudo"
      return 0
    fi
    sleep 1
  done
  echo "MariaDB did not start within 60 s." >&2
  return 1
}

# A fresh Debian install lets root in only through the Unix socket; the tests connect over TCP
# as root with an empty password (a throw-away local server, never a shared one).
allow_root_over_tcp() {
  local sudo="$1"
  if ! mariadb -h127.0.0.1 -uroot -e 'SELECT 1' >/dev/null 2>&1; then
    $sudo mariadb -uroot -e "ALTER USER 'root'@'localhost' IDENTIFIED VIA mysql_native_password USING PASSWORD('') OR unix_socket; FLUSH PRIVILEGES;" >&2
  fi
}
