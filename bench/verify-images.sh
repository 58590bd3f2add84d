#!/usr/bin/env bash
# Image-signature benchmark: builds N images (default 100) with umoci (one small layer, N configs), pushes them
# with skopeo to Debian's docker-registry on 127.0.0.1, signs them all with an ECDSA P-256 key (one
# `pipeline-integrity sign` command, both layouts: cosign's .sig tag and a Sigstore bundle referrer), then times
# `pipeline-integrity verify --image` over all of them (one command, JVM start and registry round trips included)
# and sigstore-js (@sigstore/verify, one node process) verifying the same referrer bundles, fetched beforehand.
# usage: bench/verify-images.sh [N]   (needs the built CLI, umoci, skopeo, docker-registry, curl, node and npm)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
n=${1:-100}
work=${BENCH_WORK:-$root/target/bench-verify-images}
launcher=$root/cli/target/pipeline-integrity
npm_dir=${PIPELINE_INTEGRITY_NPM:-$HOME/.cache/pipeline-integrity/npm}
[ -x "$launcher" ] || { echo "build the CLI first: mvn -B clean package -pl core,cli -am -DskipTests" >&2; exit 2; }
rm -rf "$work" && mkdir -p "$work/rootfs/etc" "$work/bundles" "$work/storage"
port=$(python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])')
cat > "$work/registry.yml" <<YML
version: 0.1
log:
  level: error
storage:
  filesystem:
    rootdirectory: $work/storage
http:
  addr: 127.0.0.1:$port
YML
/usr/bin/docker-registry serve "$work/registry.yml" > "$work/registry.log" 2>&1 &
registry_pid=$!
trap 'kill $registry_pid 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$port/v2/" >/dev/null && break; sleep 0.1; done
rootless=(); [ "$(id -u)" = 0 ] || rootless=(--rootless)
umoci init --layout "$work/layout"
umoci new --image "$work/layout:base"
echo bench > "$work/rootfs/etc/hostname"
umoci insert "${rootless[@]}" --image "$work/layout:base" "$work/rootfs/etc" /etc
refs=()
for i in $(seq 1 "$n"); do
  umoci config --image "$work/layout:base" --tag "v$i" --config.label "bench.index=$i"
  skopeo copy -q --dest-tls-verify=false "oci:$work/layout:v$i" "docker://127.0.0.1:$port/bench/app:v$i"
  refs+=(--image "127.0.0.1:$port/bench/app:v$i")
done
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$work/key.pem" 2>/dev/null
openssl pkey -in "$work/key.pem" -pubout -out "$work/key.pub"
secs() { python3 -c "import sys;print(f'{float(sys.argv[2])-float(sys.argv[1]):.2f}')" "$1" "$2"; }
t0=$(date +%s.%N)
"$launcher" sign "${refs[@]}" --key "$work/key.pem" >/dev/null
t1=$(date +%s.%N)
signing=$(secs "$t0" "$t1")
t0=$(date +%s.%N)
"$launcher" verify "${refs[@]}" --key "$work/key.pub" --format json --output "$work/ours.json" >/dev/null
t1=$(date +%s.%N)
ours=$(secs "$t0" "$t1")
python3 -c "import json,sys;r=json.load(open(sys.argv[1]));print('pipeline-integrity:', r['summary'])" "$work/ours.json"
# the referrer bundles, as cosign 3 would find them: referrers tag -> artifact manifest -> bundle blob
python3 - "$port" "$n" "$work/bundles" <<'PY'
import json, sys, urllib.request
port, n, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
base = f"http://127.0.0.1:{port}/v2/bench/app"
def get(path, accept):
    req = urllib.request.Request(base + path, headers={"Accept": accept})
    with urllib.request.urlopen(req) as r:
        return r.read(), r.headers.get("Docker-Content-Digest")
index = "application/vnd.oci.image.index.v1+json"
manifest = "application/vnd.oci.image.manifest.v1+json"
for i in range(1, n + 1):
    _, digest = get(f"/manifests/v{i}", manifest)
    idx = json.loads(get(f"/manifests/{digest.replace(':', '-')}", index)[0])
    m = json.loads(get(f"/manifests/{idx['manifests'][0]['digest']}", manifest)[0])
    bundle = get(f"/blobs/{m['layers'][0]['digest']}", "*/*")[0]
    with open(f"{out}/v{i}.sigstore.json", "wb") as f:
        f.write(bundle)
PY
cat > "$work/verify-all.cjs" <<'JS'
const { readFileSync, readdirSync } = require('node:fs');
const { createPublicKey } = require('node:crypto');
const { bundleFromJSON } = require('@sigstore/bundle');
const { TrustedRoot } = require('@sigstore/protobuf-specs');
const { Verifier, toSignedEntity, toTrustMaterial } = require('@sigstore/verify');
const [dir, keyPath] = process.argv.slice(2);
const der = createPublicKey(readFileSync(keyPath, 'utf8')).export({ type: 'spki', format: 'der' });
const root = TrustedRoot.fromJSON({ mediaType: 'application/vnd.dev.sigstore.trustedroot+json;version=0.1',
  tlogs: [], certificateAuthorities: [], ctlogs: [], timestampAuthorities: [] });
let ok = 0;
for (const name of readdirSync(dir)) {
  const bundle = bundleFromJSON(JSON.parse(readFileSync(`${dir}/${name}`, 'utf8')));
  const keys = { [bundle.verificationMaterial.content.publicKey.hint]: { rawBytes: der,
    keyDetails: 'PKIX_ECDSA_P256_SHA_256', validFor: { start: new Date(0) } } };
  new Verifier(toTrustMaterial(root, keys), { tlogThreshold: 0, ctlogThreshold: 0, timestampThreshold: 0 })
    .verify(toSignedEntity(bundle));
  ok++;
}
console.log(`sigstore-js: ${ok} bundles verified`);
JS
t0=$(date +%s.%N)
NODE_PATH="$npm_dir/node_modules" node "$work/verify-all.cjs" "$work/bundles" "$work/key.pub"
t1=$(date +%s.%N)
js=$(secs "$t0" "$t1")
echo "time: signing $n images ${signing}s; verify: pipeline-integrity ${ours}s (from the registry), sigstore-js ${js}s (bundles on disk)"
