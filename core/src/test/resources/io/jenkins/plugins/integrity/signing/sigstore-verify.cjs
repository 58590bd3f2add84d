// Verifies a Sigstore bundle of a file with sigstore-js (@sigstore/verify), trusting one public key and no
// transparency log or timestamp authority, as key-based signatures are verified offline.
// usage: node sigstore-verify.cjs BUNDLE FILE PUBLIC_KEY.pem KEY_DETAILS   (prints "verified" or throws)
const { readFileSync } = require('node:fs');
const { createPublicKey } = require('node:crypto');
const { bundleFromJSON } = require('@sigstore/bundle');
const { TrustedRoot } = require('@sigstore/protobuf-specs');
const { Verifier, toSignedEntity, toTrustMaterial } = require('@sigstore/verify');

const [bundlePath, filePath, keyPath, keyDetails] = process.argv.slice(2);
const bundle = bundleFromJSON(JSON.parse(readFileSync(bundlePath, 'utf8')));
const der = createPublicKey(readFileSync(keyPath, 'utf8')).export({ type: 'spki', format: 'der' });
const root = TrustedRoot.fromJSON({ mediaType: 'application/vnd.dev.sigstore.trustedroot+json;version=0.1',
  tlogs: [], certificateAuthorities: [], ctlogs: [], timestampAuthorities: [] });
const keys = {};
keys[bundle.verificationMaterial.content.publicKey?.hint ?? ''] = {
  rawBytes: der, keyDetails, validFor: { start: new Date(0) } };
const verifier = new Verifier(toTrustMaterial(root, keys), { tlogThreshold: 0, ctlogThreshold: 0, timestampThreshold: 0 });
verifier.verify(toSignedEntity(bundle, readFileSync(filePath)));
console.log('verified');
