#!/usr/bin/env bash
# Controller-snapshot benchmark: a JENKINS_HOME of N jobs (default 1000; the fixture a real Jenkins wrote, its
# Pipeline job copied N times with distinct scripts, a third of them in folders), then times
# `pipeline-integrity drift snapshot` (one command, JVM start included) and `drift check` against that baseline.
# usage: bench/drift.sh [N]   (needs the built CLI)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
n=${1:-1000}
work=${BENCH_WORK:-$root/target/bench-drift}
launcher=$root/cli/target/pipeline-integrity
fixture=$root/core/src/test/resources/io/jenkins/plugins/integrity/drift/jenkins-home
[ -x "$launcher" ] || { echo "build the CLI first: mvn -B clean package -pl core,cli -am -DskipTests" >&2; exit 2; }
rm -rf "$work" && mkdir -p "$work" && cp -r "$fixture" "$work/home"
python3 - "$work/home" "$n" <<'PY'
import os, sys
home, n = sys.argv[1], int(sys.argv[2])
template = open(os.path.join(home, "jobs/app-build/config.xml"), encoding="utf-8").read()
folder = open(os.path.join(home, "jobs/team/config.xml"), encoding="utf-8").read()
for f in range(10):
    d = os.path.join(home, "jobs", f"folder-{f}")
    os.makedirs(d, exist_ok=True)
    open(os.path.join(d, "config.xml"), "w", encoding="utf-8").write(folder)
for i in range(n):
    parent = os.path.join(home, "jobs", f"folder-{i % 10}", "jobs") if i % 3 == 0 else os.path.join(home, "jobs")
    d = os.path.join(parent, f"job-{i:04d}")
    os.makedirs(d, exist_ok=True)
    open(os.path.join(d, "config.xml"), "w", encoding="utf-8").write(
        template.replace("echo &apos;build&apos;", f"echo &apos;build {i}&apos;"))
PY
secs() { python3 -c "import sys;print(f'{float(sys.argv[2])-float(sys.argv[1]):.2f}')" "$1" "$2"; }
t0=$(date +%s.%N)
"$launcher" drift snapshot --jenkins-home "$work/home" --output "$work/baseline.json"
t1=$(date +%s.%N)
snap=$(secs "$t0" "$t1")
t0=$(date +%s.%N)
"$launcher" drift check --jenkins-home "$work/home" --baseline "$work/baseline.json" --fail-on NONE --format json \
  --output "$work/check.json"
t1=$(date +%s.%N)
check=$(secs "$t0" "$t1")
python3 -c "import json,sys;r=json.load(open(sys.argv[1]));print('check:', r['summary'])" "$work/check.json"
echo "time: drift snapshot ${snap}s, drift check ${check}s ($n jobs)"
