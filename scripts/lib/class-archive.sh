# A class archive for the server's jar (sourced by scripts/run): Spring Boot's extracted layout
# (class data sharing cannot map classes from nested jars), then one training start on a throw-away
# H2 database and port, recording what it loaded. It answers the requests a person's first minute
# makes (readiness, the start and sign-in pages) before it is stopped, so that their classes are
# archived too: after a training start that only refreshed its context, readiness first answered
# 0.36-0.40 s after the server was ready, now 0.19-0.27 s (docs/operations.md). JDK 25 and later: the AOT cache (JEP 483, classes loaded and linked);
# earlier: a dynamic AppCDS archive, both written as the JVM exits. Made again whenever the jar is newer.
# class_archive JAR DIR [JVM OPTIONS...] sets archived_jar and archive_run_options, or fails (start
# from the jar). The training start uses the same JVM options as the starts that map the archive
# (the AOT cache is tied to the collector it was made with).

class_archive() {
  local jar="$1" dir="$2" java_version archive train_options
  shift 2
  # The JDK's release file names its version without starting a JVM (0.1 s of every start); the
  # JVM's own answer where there is no such file.
  java_version="$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$(dirname "$(readlink -f "$(command -v java)")")/../release" 2>/dev/null)"
  if [[ -z "$java_version" ]]; then
    java_version="$(java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')"
  fi
  if [[ "${java_version%%.*}" -ge 25 ]]; then
    archive="$dir/behalf-$java_version.aot"
    train_options=("-XX:AOTCacheOutput=$archive")
    archive_run_options=("-XX:AOTCache=$archive")
  else
    archive="$dir/behalf-$java_version.jsa"
    train_options=("-XX:ArchiveClassesAtExit=$archive")
    archive_run_options=("-XX:SharedArchiveFile=$archive")
  fi
  archived_jar="$dir/$(basename "$jar")"
  if [[ -f "$archive" && ! "$jar" -nt "$archive" ]]; then
    return 0
  fi
  echo "Recording the classes Behalf loads, to start faster (once after each build)..."
  rm -rf "$dir"
  java -Djarmode=tools -jar "$jar" extract --destination "$dir" >/dev/null || return 1
  local scratch
  scratch="$(mktemp -d)"
  env -u BEHALF_DB_URL BEHALF_DATA_DIR="$scratch" SERVER_PORT=0 BEHALF_MANAGEMENT_PORT="" BEHALF_DEMO_DATA=true \
    java "${train_options[@]}" "$@" -jar "$archived_jar" >"$scratch/training.log" 2>&1 &
  local pid=$! port="" path
  # Up to ten minutes: a busy shared machine has taken six to start it.
  for _ in $(seq 1 6000); do
    if grep -q "Started .* in .* seconds" "$scratch/training.log"; then
      port="$(sed -n 's/.*Tomcat started on port \([0-9]*\).*/\1/p' "$scratch/training.log" | head -1)"
      break
    fi
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  if [[ -n "$port" ]]; then
    for path in /actuator/health/readiness / /login; do
      training_get "$port" "$path"
    done
  fi
  kill -TERM "$pid" 2>/dev/null
  wait "$pid" || true
  if [[ ! -f "$archive" ]]; then
    echo "(could not record them; see $scratch/training.log)" >&2
    return 1
  fi
  rm -rf "$scratch"
}

# One GET over bash's /dev/tcp (no HTTP client needed), its answer read to the end.
training_get() {
  { exec 3<>"/dev/tcp/127.0.0.1/$1"; } 2>/dev/null || return 0
  printf 'GET %s HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n' "$2" >&3
  cat <&3 >/dev/null
  exec 3<&-
}
