#!/usr/bin/env bash
# Runs the workbench CLI from a development tree with Spark on the class path, as spark-submit would put it:
# Spark's jars (from the Maven repository, provided scope) with their Jackson 2.20 before the workbench's classes,
# and the JVM options Spark's launcher adds on Java 17+ (spark.jvm.args in app/pom.xml).
# Build first: mvn -o -pl app -am test-compile. Example: scripts/with-spark.sh queue run --executor spark --master 'local[2]'
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
exec "${JAVA_HOME:+$JAVA_HOME/bin/}java" $opens --enable-native-access=ALL-UNNAMED -Xmx2g \
  -cp "$cp:$jackson:app/target/classes:views/target/classes:engine/target/classes" \
  org.ecgworkbench.app.Main "$@"
