# A class archive for the server's jar (sourced by scripts/run): Spring Boot's extracted layout
# (class data sharing cannot map classes from nested jars), then one training start that exits
# once the application context is ready (spring.context.exit=onRefresh) on a throw-away H2
# database and port, recording what it loaded. JDK 25 and later: the AOT cache (JEP 483, classes
# loaded and linked); earlier: a dynamic AppCDS archive. Made again whenever the jar is newer.
# class_archive JAR DIR [JVM OPTIONS...] sets archived_jar and archive_run_options, or fails (start
# from the jar). The training start uses the same JVM options as the starts that map the archive
# (the AOT cache is tied to the collector it was made with).

class_archive() {
  local jar="$1" dir="$2" java_version archive train_options
  shift 2
  java_version="$(java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')"
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
  BEHALF_DB_URL="jdbc:h2:file:$scratch/behalf;MODE=MySQL;DATABASE_TO_LOWER=TRUE;CASE_INSENSITIVE_IDENTIFIERS=TRUE;NON_KEYWORDS=VALUE,KEY" \
    SERVER_PORT=0 BEHALF_DEMO_DATA=true java "${train_options[@]}" "$@" -Dspring.context.exit=onRefresh \
    -jar "$archived_jar" >"$scratch/training.log" 2>&1 || true
  if [[ ! -f "$archive" ]]; then
    echo "(could not record them; see $scratch/training.log)" >&2
    return 1
  fi
  rm -rf "$scratch"
}
