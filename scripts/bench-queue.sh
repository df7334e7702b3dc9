#!/usr/bin/env bash
# bench queue from a development tree: a 4-run sweep on the local executor (2 slots) against Spark local[2].
# Build first: mvn -o -pl app -am test-compile. Extra arguments go to bench queue (e.g. --repeat 2).
exec "$(dirname "$0")/with-spark.sh" bench queue "$@"
