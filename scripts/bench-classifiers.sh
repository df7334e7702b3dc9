#!/usr/bin/env bash
# Times `bench backend` (gemm, conv1d, chunked filtfilt) and `bench train-step` in each nd4j-native
# classifier, one JVM per classifier, so the default in pom.xml is chosen by numbers (README, Performance).
# Usage: scripts/bench-classifiers.sh [OUT_DIR] [CLASSIFIER...]   (after mvn -B package -DskipTests)
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-bench-out/classifiers}
shift || true
classifiers=("$@")
[ ${#classifiers[@]} -gt 0 ] || classifiers=(linux-x86_64 linux-x86_64-avx2 linux-x86_64-avx512 linux-x86_64-onednn linux-x86_64-onednn-avx2 linux-x86_64-onednn-avx512)
mkdir -p "$out"
v=1.0.0-M2.1
repo=${MAVEN_REPO:-$HOME/.m2/repository}
mvn -B -q -pl app dependency:build-classpath -Dmdep.outputFile="$out/app.cp" >/dev/null
# Every classifier jar out of the classpath; each run adds back exactly one.
base=$(tr ':' '\n' < "$out/app.cp" | grep -v "/nd4j-native/$v/nd4j-native-$v-linux" | paste -sd: -)
cp="app/target/classes:engine/target/classes:$base"
for c in "${classifiers[@]}"; do
  mvn -B -q dependency:get -Dartifact=org.nd4j:nd4j-native:$v:jar:$c -Dtransitive=false >/dev/null
  jar="$repo/org/nd4j/nd4j-native/$v/nd4j-native-$v-$c.jar"
  ext=${c#linux-x86_64}
  echo "== $c"
  java --enable-native-access=ALL-UNNAMED -Dorg.bytedeco.javacpp.platform.extension="$ext" \
    -cp "$cp:$jar" org.ecgworkbench.app.Main bench backend --min-seconds 2 2>/dev/null | tee "$out/$c.txt"
  # A whole DL4J training step of the default prototype (the training issue's measure), without the anchor.
  java --enable-native-access=ALL-UNNAMED -Dorg.bytedeco.javacpp.platform.extension="$ext" \
    -cp "$cp:$jar" org.ecgworkbench.app.Main bench train-step --no-anchor --steps 10 2>/dev/null \
    | tee "$out/$c.train-step.txt"
done
