# A class archive for the server's jar (sourced by scripts/run): Spring Boot's extracted layout
# (class data sharing cannot map classes from nested jars), then one training start on a throw-away
# H2 database and port, recording what it loaded. It answers the requests a person's first minute
# makes (readiness, the start and sign-in pages) before it is stopped, so that their classes are
# archived too: after a training start that only refreshed its context, readiness first answered
# 0.36-0.40 s after the server was ready, now 0.19-0.27 s (docs/operations.md). JDK 25 and later: the AOT cache (JEP 483, classes loaded and linked);
# earlier: a dynamic AppCDS archive, both written as the JVM exits. Made again whenever the jar is newer.
#
# The training runs in the background, at a lower priority, once the person's own server (started from
# the extracted layout without an archive) is ready: the first start after a build no longer waits for
# it. It took 20 s of the 29 s a first start took on a 2-core machine (a 10.6 s start that records, 7-9 s
# of writing the archive as that JVM exits), and the archive only serves the starts after it.
#
# class_archive JAR DIR SERVER_PID READY_PORT [JVM OPTIONS...] sets archived_jar (the jar to start) and
# archive_run_options (empty until the archive exists), or fails (start from the jar). SERVER_PID is the
# person's server (scripts/run's own pid, which exec's java) and READY_PORT where its readiness answers:
# the training waits for them. The training start uses the same JVM options as the starts that map the
# archive (the AOT cache is tied to the collector it was made with).

class_archive_script="${BASH_SOURCE[0]}"

class_archive() {
  local jar="$1" dir="$2" server_pid="$3" ready_port="$4" java_version archive
  shift 4
  # The JDK's release file names its version without starting a JVM (0.1 s of every start); the
  # JVM's own answer where there is no such file.
  java_version="$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$(dirname "$(readlink -f "$(command -v java)")")/../release" 2>/dev/null)"
  if [[ -z "$java_version" ]]; then
    java_version="$(java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')"
  fi
  if [[ "${java_version%%.*}" -ge 25 ]]; then
    archive="$dir/behalf-$java_version.aot"
    archive_run_options=("-XX:AOTCache=$archive")
  else
    archive="$dir/behalf-$java_version.jsa"
    archive_run_options=("-XX:SharedArchiveFile=$archive")
  fi
  archived_jar="$dir/$(basename "$jar")"
  if [[ -f "$archive" && ! "$jar" -nt "$archive" ]]; then
    return 0
  fi
  archive_run_options=()
  if training_under_way "$dir"; then
    # Another start of this build is recording it: start from the same extracted jar meanwhile.
    [[ -f "$archived_jar" && ! "$jar" -nt "$archived_jar" ]]
    return
  fi
  rm -rf "$dir"
  java -Djarmode=tools -jar "$jar" extract --destination "$dir" >/dev/null || return 1
  echo "Recording the classes Behalf loads in the background, so that later starts are faster (once after each build)."
  # nohup: the training outlives a closed terminal; an asynchronous command of a script already
  # ignores Ctrl-C, which stops only the person's server.
  nohup bash -c 'source "$1"; shift; train_class_archive "$@"' train "$class_archive_script" \
    "$archived_jar" "$archive" "$java_version" "$server_pid" "$ready_port" "$@" >"$dir/training.log" 2>&1 &
  echo "$!" >"$dir/training.pid"
}

# Whether a training start of the jar extracted in DIR is still running (its pid file names a live
# training; a pid file left by one that was killed does not count).
training_under_way() {
  local pid
  pid="$(cat "$1/training.pid" 2>/dev/null)" || return 1
  [[ -n "$pid" ]] && ps -p "$pid" -o args= 2>/dev/null | grep -q train_class_archive
}

# train_class_archive JAR ARCHIVE JAVA_VERSION SERVER_PID READY_PORT [JVM OPTIONS...]: waits until the
# person's server is ready (or gone, or ten minutes passed), then records ARCHIVE through a training
# start of the extracted JAR, written under another name and moved in place whole, and only while JAR
# is still the file it was recorded from (a newer build extracts its own in its place).
train_class_archive() {
  local jar="$1" archive="$2" java_version="$3" server_pid="$4" ready_port="$5" scratch jar_stamp
  shift 5
  jar_stamp="$(ls -il "$jar")"
  for _ in $(seq 1 1200); do
    kill -0 "$server_pid" 2>/dev/null || break
    [[ "$(http_status "$ready_port" /actuator/health/readiness)" == "200" ]] && break
    sleep 0.5
  done
  local partial="$archive.partial" train_options
  if [[ "${java_version%%.*}" -ge 25 ]]; then
    train_options=("-XX:AOTCacheOutput=$partial")
  else
    train_options=("-XX:ArchiveClassesAtExit=$partial")
  fi
  scratch="$(mktemp -d)"
  env -u BEHALF_DB_URL BEHALF_DATA_DIR="$scratch" SERVER_PORT=0 BEHALF_MANAGEMENT_PORT="" BEHALF_DEMO_DATA=true \
    nice -n 10 java "${train_options[@]}" "$@" -jar "$jar" >"$scratch/training.log" 2>&1 &
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
    # Ready only once the demo data is in: stopping it earlier broke that load off half-way.
    for _ in $(seq 1 600); do
      [[ "$(http_status "$port" /actuator/health/readiness)" == "200" ]] && break
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
    for path in / /login; do
      http_status "$port" "$path" >/dev/null
    done
  fi
  kill -TERM "$pid" 2>/dev/null
  wait "$pid" || true
  if [[ -f "$partial" && "$(ls -il "$jar" 2>/dev/null)" == "$jar_stamp" ]]; then
    mv -f "$partial" "$archive"
    rm -rf "$scratch"
  else
    echo "could not record them; see $scratch/training.log"
  fi
  local pid_file
  pid_file="$(dirname "$jar")/training.pid"
  [[ "$(cat "$pid_file" 2>/dev/null)" == "$$" ]] && rm -f "$pid_file"
}

# The status of one GET over bash's /dev/tcp (no HTTP client needed), its answer read to the end;
# nothing where nobody answers.
http_status() {
  { exec 3<>"/dev/tcp/127.0.0.1/$1"; } 2>/dev/null || return 0
  printf 'GET %s HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n' "$2" >&3
  local status_line
  IFS= read -r -t 10 status_line <&3 || true
  cat <&3 >/dev/null
  exec 3<&-
  status_line="${status_line#* }"
  echo "${status_line%% *}"
}
