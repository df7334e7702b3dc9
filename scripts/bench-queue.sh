#!/usr/bin/env bash
# bench queue from a development tree: the 4-run sweep on the local executor (2 slots) against Spark local[2].
# Spark comes from the Maven repository (provided scope), placed as spark-submit places it: its jars, with its
# Jackson 2.20, before the workbench's classes; the JVM options are those Spark's launcher adds on Java 17+.
# Build first: mvn -o -pl app -am test-compile. Extra arguments go to bench queue (e.g. --runs 4 --epochs 2).
set -euo pipefail
cd "$(dirname "$0")/.."
m2="${M2_REPO:-$HOME/.m2/repository}"
cp=$(mvn -B -q -o -pl app dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=/dev/stdout \
  | tr ':' '\n' | grep -v -e '/org/ecgworkbench/' -e '/jackson-core/2.18' -e '/jackson-databind/2.18' \
  -e '/jackson-annotations/2.18' | paste -sd: -)
jackson="$m2/com/fasterxml/jackson/core/jackson-databind/2.20.1/jackson-databind-2.20.1.jar"
jackson="$jackson:$m2/com/fasterxml/jackson/core/jackson-core/2.20.1/jackson-core-2.20.1.jar"
jackson="$jackson:$m2/com/fasterxml/jackson/core/jackson-annotations/2.20/jackson-annotations-2.20.jar"
opens=$(sed -n 's:.*<spark.jvm.args>\(.*\)</spark.jvm.args>.*:\1:p' app/pom.xml)
# shellcheck disable=SC2086
exec java $opens --enable-native-access=ALL-UNNAMED -Xmx2g \
  -cp "$cp:$jackson:app/target/classes:views/target/classes:engine/target/classes" \
  org.ecgworkbench.app.Main bench queue "$@"
