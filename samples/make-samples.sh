#!/usr/bin/env bash
# Regenerates the synthetic sample records in this folder with the synth command.
# Run from anywhere after building (mvn -B -q -DskipTests package); needs Java 21 or later.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
jar="${ECG_WORKBENCH_JAR:-$here/../app/target/ecg-workbench.jar}"
synth() { java -jar "$jar" synth --out "$here" "$@"; }

synth --rhythm nsr   --seconds 60 --fs 360 --name synth-nsr-360   --seed 1
synth --rhythm af    --seconds 60 --fs 300 --name synth-af-300    --seed 2
synth --rhythm other --seconds 60 --fs 250 --name synth-pvc-250   --seed 3 --pvc-rate 0.12
synth --rhythm noise --seconds 30 --fs 500 --name synth-noise-500 --seed 4 --powerline-hz 60
synth --rhythm nsr   --seconds 30 --fs 500 --name synth-nsr-2lead-500 --seed 5 --leads 2 --hr 85 --hr-std 3 --bw-mv 0.15 --powerline-mv 0.02

# CinC 2017 style labels (N normal, A AF, O other rhythm, ~ noisy), read by the workbench's info command.
printf '%s\n' synth-nsr-360,N synth-af-300,A synth-pvc-250,O synth-noise-500,~ synth-nsr-2lead-500,N > "$here/REFERENCE.csv"
