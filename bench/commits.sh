#!/usr/bin/env bash
# Commit-signature benchmark: makes a repository of N commits signed by real git + ssh-keygen (SSH,
# Ed25519), then in the same run times `pipeline-integrity verify-commits` over all of them and a loop of
# `git verify-commit` over the same commits, and prints both and the ratio.
# usage: bench/commits.sh [N]     (default 10000; needs the built CLI: mvn -B package -pl core,cli -am)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
n=${1:-10000}
work=${BENCH_WORK:-$root/target/bench}/commits
launcher=$root/cli/target/pipeline-integrity
[ -x "$launcher" ] || { echo "build the CLI first: mvn -B package -pl core,cli -am -DskipTests" >&2; exit 2; }
rm -rf "$work" && mkdir -p "$work/repo"
export GIT_CONFIG_NOSYSTEM=1 HOME="$work"
ssh-keygen -q -t ed25519 -N '' -C bench -f "$work/key"
echo "bench@example.com namespaces=\"git\" $(cat "$work/key.pub")" > "$work/allowed_signers"
cd "$work/repo"
git init -q -b main
git config user.name Bench && git config user.email bench@example.com
git config gpg.format ssh && git config user.signingkey "$work/key" && git config commit.gpgsign true
git config gpg.ssh.allowedSignersFile "$work/allowed_signers"
echo "making $n signed commits (git commit -S, ssh-keygen signs each) ..."
t0=$(date +%s.%N)
for i in $(seq 1 "$n"); do
  git commit -q --allow-empty -m "commit $i"
done
t1=$(date +%s.%N)
secs() { python3 -c "import sys;print(f'{float(sys.argv[2])-float(sys.argv[1]):.2f}')" "$1" "$2"; }
echo "made in $(secs "$t0" "$t1")s"

echo "== pipeline-integrity verify-commits (whole command, JVM start included)"
t0=$(date +%s.%N)
sh "$launcher" verify-commits --repo . --limit "$n" --allowed-signers "$work/allowed_signers" \
  --require-identity-match --format json --output "$work/verdicts.json" || true
t1=$(date +%s.%N)
ours=$(secs "$t0" "$t1")
python3 -c "
import json; d=json.load(open('$work/verdicts.json')); print('commits', d['metrics']['commits'], 'verified', d['metrics']['verified'], 'status', d['status'])"
echo "time ${ours}s"

echo "== git verify-commit, once per commit"
git rev-list HEAD > "$work/ids"
t0=$(date +%s.%N)
good=0
while read -r id; do
  if git verify-commit "$id" 2>/dev/null; then good=$((good + 1)); fi
done < "$work/ids"
t1=$(date +%s.%N)
theirs=$(secs "$t0" "$t1")
echo "good $good of $(wc -l < "$work/ids")"
echo "time ${theirs}s"
echo "== speed ratio pipeline-integrity / git verify-commit: $(python3 -c "print(f'{float($theirs)/float($ours):.1f}x')")"
