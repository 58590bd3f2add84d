#!/usr/bin/env bash
# Secret-scanning benchmark: generates a labelled corpus, runs pipeline-integrity and secretlint
# (recommended preset) on it side by side, prints recall, false positives, MB/s and the speed ratio.
# usage: bench/run.sh [MEGABYTES]    (needs the built CLI jar: mvn -B package -pl core,cli -am)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
mb=${1:-50}
work=${BENCH_WORK:-$root/target/bench}
jar=$root/cli/target/pipeline-integrity.jar
launcher=$root/cli/target/pipeline-integrity
[ -f "$jar" ] || { echo "build the CLI first: mvn -B package -pl core,cli -am -DskipTests" >&2; exit 2; }
rm -rf "$work/corpus" && mkdir -p "$work"
python3 "$here/generate_corpus.py" "$work/corpus" "$mb" 1
sync # the corpus is written out before the clock starts: the tools read it from the page cache, not racing its writeback
bytes=$(python3 -c "import json;print(json.load(open('$work/corpus/labels.json'))['bytes'])")

secs() { python3 -c "import sys;print(f'{float(sys.argv[2])-float(sys.argv[1]):.2f}')" "$1" "$2"; }
rate() { python3 -c "import sys;print(f'{int(sys.argv[1])/1e6/float(sys.argv[2]):.1f}')" "$1" "$2"; }

score() { # FINDINGS.json -> recall and false positives
  python3 -c "
import json
for f in json.load(open('$1'))['findings']:
    print(f['location']['file'] + '\t' + str(f['location']['line']))" > "${1%.json}.tsv"
  python3 "$here/evaluate.py" "$work/corpus/labels.json" "${1%.json}.tsv"
}

# run_pi LABEL FINDINGS.json COMMAND...: one whole-command scan of the corpus; sets $last to its seconds
run_pi() {
  local label=$1 out=$2
  shift 2
  echo "== pipeline-integrity, $label"
  local t0 t1
  t0=$(date +%s.%N)
  "$@" scan-secrets . --fail-on none --format json --output "$out" >/dev/null
  t1=$(date +%s.%N)
  last=$(secs "$t0" "$t1")
  score "$out"
  echo "time ${last}s, $(rate "$bytes" "$last") MB/s"
}

cd "$work/corpus/tree"
run_pi "the launcher cli/target/pipeline-integrity (whole command, JVM start included)" "$work/pi.json" sh "$launcher"
pi=$last
run_pi "java -jar with the JVM's default options" "$work/pi-jar.json" java -jar "$jar"
pijar=$last
run_pi "the launcher with a 256 MB heap (-Xmx256m): memory stays flat" "$work/pi-256m.json" \
  env PIPELINE_INTEGRITY_JAVA_OPTS="-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xmn32m -Xmx256m" sh "$launcher"

echo "== secretlint (@secretlint/secretlint-rule-preset-recommend)"
sl="$work/secretlint"
if [ ! -x "$sl/node_modules/.bin/secretlint" ]; then
  mkdir -p "$sl" && (cd "$sl" && npm init -y >/dev/null && npm install --silent --no-audit --no-fund \
    secretlint@13 @secretlint/secretlint-rule-preset-recommend@13 >/dev/null)
fi
echo '{"rules":[{"id":"@secretlint/secretlint-rule-preset-recommend"}]}' > "$work/secretlintrc.json"
t0=$(date +%s.%N)
"$sl/node_modules/.bin/secretlint" "**/*" --secretlintrc "$work/secretlintrc.json" --format json \
  --output "$work/sl.json" --maskSecrets >/dev/null 2>&1 || true
t1=$(date +%s.%N)
slt=$(secs "$t0" "$t1")
python3 -c "
import json, os
for res in json.load(open('$work/sl.json')):
    for m in res.get('messages', []):
        print(os.path.relpath(res['filePath'], '$work/corpus/tree') + '\t' + str(m['loc']['start']['line']))" > "$work/sl.tsv"
python3 "$here/evaluate.py" "$work/corpus/labels.json" "$work/sl.tsv"
echo "time ${slt}s, $(rate "$bytes" "$slt") MB/s"
echo "== speed ratio pipeline-integrity / secretlint: $(python3 -c "print(f'{float($slt)/float($pi):.1f}x')") with the launcher, $(python3 -c "print(f'{float($slt)/float($pijar):.1f}x')") with java -jar"
