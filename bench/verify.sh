#!/usr/bin/env bash
# Signature-verification benchmark: signs N files (default 1000) with an ECDSA P-256 key, then times
# `pipeline-integrity verify` over all of them (one command, JVM start included) against sigstore-js
# (@sigstore/verify, one node process looping over the same bundles, trusting the same key).
# usage: bench/verify.sh [N]   (needs the built CLI, openssl, node and npm)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
n=${1:-1000}
work=${BENCH_WORK:-$root/target/bench-verify}
launcher=$root/cli/target/pipeline-integrity
npm_dir=${PIPELINE_INTEGRITY_NPM:-$HOME/.cache/pipeline-integrity/npm}
[ -x "$launcher" ] || { echo "build the CLI first: mvn -B clean package -pl core,cli -am -DskipTests" >&2; exit 2; }
if [ ! -d "$npm_dir/node_modules/@sigstore/verify" ]; then
  npm install --prefix "$npm_dir" --no-audit --no-fund --silent @sigstore/bundle@5.0.1 @sigstore/protobuf-specs@0.5.2 \
    @sigstore/verify@4.1.3
fi
rm -rf "$work" && mkdir -p "$work/files"
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$work/key.pem" 2>/dev/null
openssl pkey -in "$work/key.pem" -pubout -out "$work/key.pub"
python3 - "$work/files" "$n" <<'PY'
import os, sys
d, n = sys.argv[1], int(sys.argv[2])
for i in range(n):
    with open(os.path.join(d, f"artifact-{i:05d}.bin"), "wb") as f:
        f.write(os.urandom(4096 + i % 8192))
PY
args=()
for f in "$work"/files/*.bin; do args+=(--file "$f"); done
"$launcher" sign "${args[@]}" --key "$work/key.pem" >/dev/null
secs() { python3 -c "import sys;print(f'{float(sys.argv[2])-float(sys.argv[1]):.2f}')" "$1" "$2"; }
t0=$(date +%s.%N)
"$launcher" verify "${args[@]}" --key "$work/key.pub" --format json --output "$work/ours.json" >/dev/null
t1=$(date +%s.%N)
ours=$(secs "$t0" "$t1")
python3 -c "import json,sys;r=json.load(open(sys.argv[1]));print('pipeline-integrity:', r['summary'])" "$work/ours.json"
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
for (const name of readdirSync(dir).filter((f) => f.endsWith('.bin'))) {
  const bundle = bundleFromJSON(JSON.parse(readFileSync(`${dir}/${name}.sigstore.json`, 'utf8')));
  const keys = { [bundle.verificationMaterial.content.publicKey.hint]: { rawBytes: der,
    keyDetails: 'PKIX_ECDSA_P256_SHA_256', validFor: { start: new Date(0) } } };
  new Verifier(toTrustMaterial(root, keys), { tlogThreshold: 0, ctlogThreshold: 0, timestampThreshold: 0 })
    .verify(toSignedEntity(bundle, readFileSync(`${dir}/${name}`)));
  ok++;
}
console.log(`sigstore-js: ${ok} verified`);
JS
t0=$(date +%s.%N)
NODE_PATH="$npm_dir/node_modules" node "$work/verify-all.cjs" "$work/files" "$work/key.pub"
t1=$(date +%s.%N)
js=$(secs "$t0" "$t1")
python3 -c "import sys;a,b=float(sys.argv[1]),float(sys.argv[2]);print(f'time: pipeline-integrity {a:.2f}s, sigstore-js {b:.2f}s, ratio {b/a:.1f}x')" "$ours" "$js"
