#!/usr/bin/env bash
# Vulnerability-matching benchmark: a synthetic OSV store of N records (default 200,000, in osv.dev's layout:
# one all.zip per ecosystem, Maven, npm, PyPI, Go and Debian) and a CycloneDX SBOM of M components (default
# 2,000, a third of them affected), then times `pipeline-integrity scan-vulns` (one command, JVM start included):
# cold (the zips read and indexed into a fresh store), warm (the store read instead), and without a store; with
# the peak resident memory of each.
# usage: bench/vulns.sh [N] [M]   (needs the built CLI)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
n=${1:-200000}
m=${2:-2000}
work=${BENCH_WORK:-$root/target/bench-vulns}
launcher=$root/cli/target/pipeline-integrity
[ -x "$launcher" ] || { echo "build the CLI first: mvn -B clean package -pl core,cli -am -DskipTests" >&2; exit 2; }
rm -rf "$work" && mkdir -p "$work/osv"
python3 - "$work" "$n" "$m" <<'PY'
import json, os, sys, zipfile
work, n, m = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
ecosystems = [("Maven", 0.4), ("npm", 0.3), ("PyPI", 0.15), ("Go", 0.075), ("Debian:12", 0.075)]
def name(eco, i):
    return {"Maven": f"com.example.g{i % 500}:artifact-{i}", "npm": f"package-{i}", "PyPI": f"py-package-{i}",
            "Go": f"example.com/mod{i % 300}/pkg{i}", "Debian:12": f"deb-package-{i}"}[eco]
def purl(eco, i, v):
    if eco == "Maven":
        g, a = name(eco, i).split(":")
        return f"pkg:maven/{g}/{a}@{v}"
    if eco == "Go":
        return f"pkg:golang/{name(eco, i)}@v{v}"
    if eco == "Debian:12":
        return f"pkg:deb/debian/{name(eco, i)}@{v}-1?arch=amd64&distro=debian-12"
    return f"pkg:{ {'npm': 'npm', 'PyPI': 'pypi'}[eco]}/{name(eco, i)}@{v}"
rid = 0
packages = {}
for eco, share in ecosystems:
    count = int(n * share)
    pk = max(1, count // 3)   # about three advisories per package
    packages[eco] = pk
    path = os.path.join(work, "osv", eco.split(":")[0], "all.zip")
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for k in range(count):
            i = k % pk
            major = k // pk + 1
            rec = {"id": f"BENCH-{rid:07d}", "modified": "2024-01-01T00:00:00Z", "aliases": [f"CVE-2024-{rid:07d}"],
                   "summary": f"synthetic advisory {rid}",
                   "severity": [{"type": "CVSS_V3", "score": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"}],
                   "affected": [{"package": {"ecosystem": eco, "name": name(eco, i)},
                                 "ranges": [{"type": "SEMVER" if eco in ("npm", "Go") else "ECOSYSTEM",
                                             "events": [{"introduced": f"{major}.0.0"}, {"fixed": f"{major}.5.0"}]}]}]}
            z.writestr(f"BENCH-{rid:07d}.json", json.dumps(rec))
            rid += 1
components = []
for j in range(m):
    eco, _ = ecosystems[j % len(ecosystems)]
    i = (j * 7) % packages[eco]
    v = "1.2.0" if j % 3 == 0 else "1.7.0"    # a third inside 1.0.0..1.5.0
    components.append({"type": "library", "name": name(eco, i).split(":")[-1].split("/")[-1], "version": v,
                       "purl": purl(eco, i, v)})
json.dump({"bomFormat": "CycloneDX", "specVersion": "1.6", "version": 1, "components": components},
          open(os.path.join(work, "sbom.cdx.json"), "w"))
PY
run() {
  local label=$1; shift
  local t0 t1
  t0=$(date +%s.%N)
  /usr/bin/time -f "%M" -o "$work/rss" "$launcher" scan-vulns --sbom "$work/sbom.cdx.json" --osv "$work/osv" \
    --fail-on NONE --format json --output "$work/$label.json" "$@"
  t1=$(date +%s.%N)
  python3 -c "import json,sys;r=json.load(open(sys.argv[1]));print(sys.argv[2]+':',r['summary'])" "$work/$label.json" "$label"
  echo "time: $label $(python3 -c "import sys;print(f'{float(sys.argv[2])-float(sys.argv[1]):.2f}')" "$t0" "$t1")s," \
    "peak RSS $(( $(cat "$work/rss") / 1024 )) MiB"
}
run cold --cache "$work/cache"
run warm --cache "$work/cache"
run uncached --no-cache
