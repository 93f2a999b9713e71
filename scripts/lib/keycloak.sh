# Keycloak for `scripts/bench peer`: fetched from Maven Central by Maven (checksums checked strictly),
# unpacked once into a cache outside the repository, started in development mode (its embedded
# database) on 127.0.0.1 under a Java 21+ JDK. Sourced by scripts/bench.
#   KEYCLOAK_VERSION   (26.7.3)
#   KEYCLOAK_JAVA_HOME a JDK 21+ (default: the Temurin 25 beside the default JDK)
#   KEYCLOAK_PORT      (18180; its management interface, health included, on the next port)
#   BEHALF_BENCH_CACHE where the distribution is kept (~/.cache/behalf-bench)

keycloak_version="${KEYCLOAK_VERSION:-26.7.3}"
keycloak_port="${KEYCLOAK_PORT:-18180}"
keycloak_pid=""

# Downloads (once) and unpacks Keycloak; sets keycloak_home.
fetch_keycloak() {
  local cache="${BEHALF_BENCH_CACHE:-$HOME/.cache/behalf-bench}"
  keycloak_home="$cache/keycloak-$keycloak_version"
  if [[ ! -x "$keycloak_home/bin/kc.sh" ]]; then
    mkdir -p "$cache"
    ./mvnw -B -q -ntp --strict-checksums dependency:copy \
      -Dartifact="org.keycloak:keycloak-quarkus-dist:$keycloak_version:zip" -DoutputDirectory="$cache"
    rm -rf "$keycloak_home"
    unzip -q -o "$cache/keycloak-quarkus-dist-$keycloak_version.zip" -d "$cache"
  fi
}

# Starts Keycloak with a fresh embedded database and waits until it is ready; sets keycloak_pid.
start_keycloak() {
  local java_home="${KEYCLOAK_JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
  local log="$1"
  fetch_keycloak
  rm -rf "$keycloak_home/data"
  JAVA_HOME="$java_home" KC_BOOTSTRAP_ADMIN_USERNAME=admin KC_BOOTSTRAP_ADMIN_PASSWORD=admin \
    "$keycloak_home/bin/kc.sh" start-dev --http-host=127.0.0.1 --http-port="$keycloak_port" \
    --http-management-port=$((keycloak_port + 1)) --health-enabled=true >"$log" 2>&1 &
  keycloak_pid=$!
  for _ in $(seq 1 300); do
    if curl -fs "http://127.0.0.1:$((keycloak_port + 1))/health/ready" >/dev/null 2>&1; then
      echo "Keycloak $keycloak_version ready on port $keycloak_port (log: $log)"
      return 0
    fi
    if ! kill -0 "$keycloak_pid" 2>/dev/null; then echo "Keycloak did not start; see $log" >&2; return 1; fi
    sleep 1
  done
  echo "Keycloak not ready after 300 s; see $log" >&2
  return 1
}

# Stops Keycloak and what kc.sh started (its java child), by pid.
stop_keycloak() {
  [[ -z "$keycloak_pid" ]] && return 0
  local children
  children="$(pgrep -P "$keycloak_pid" || true)"
  kill $children "$keycloak_pid" 2>/dev/null || true
  wait "$keycloak_pid" 2>/dev/null || true
  keycloak_pid=""
}
