// Verifies a keyless Sigstore bundle of a file with sigstore-js (@sigstore/verify) against a trusted root:
// certificate chain, one transparency log entry and one CT log SCT required, and the identity and issuer given.
// usage: node sigstore-keyless-verify.cjs BUNDLE FILE TRUSTED_ROOT IDENTITY ISSUER   (prints "verified" or fails)
const { readFileSync } = require('node:fs');
const { bundleFromJSON } = require('@sigstore/bundle');
const { TrustedRoot } = require('@sigstore/protobuf-specs');
const { Verifier, toSignedEntity, toTrustMaterial } = require('@sigstore/verify');

const [bundlePath, filePath, rootPath, identity, issuer] = process.argv.slice(2);
const bundle = bundleFromJSON(JSON.parse(readFileSync(bundlePath, 'utf8')));
const root = TrustedRoot.fromJSON(JSON.parse(readFileSync(rootPath, 'utf8')));
const verifier = new Verifier(toTrustMaterial(root), { tlogThreshold: 1, ctlogThreshold: 1, timestampThreshold: 0 });
verifier.verify(toSignedEntity(bundle, readFileSync(filePath)), { subjectAlternativeName: identity,
  extensions: { issuer } });
console.log('verified');
