// Signs a file into a Sigstore bundle with sigstore-js (@sigstore/sign's MessageSignatureBundleBuilder), with a
// PEM private key and no witnesses (no transparency log), as a key-based signer does.
// usage: node sigstore-sign.cjs FILE PRIVATE_KEY.pem BUNDLE_OUT HINT
const { readFileSync, writeFileSync } = require('node:fs');
const { createPrivateKey, createPublicKey, sign } = require('node:crypto');
const { bundleToJSON } = require('@sigstore/bundle');
const { MessageSignatureBundleBuilder } = require('@sigstore/sign');

const [filePath, keyPath, out, hint] = process.argv.slice(2);
const key = createPrivateKey(readFileSync(keyPath, 'utf8'));
const publicKey = createPublicKey(key).export({ type: 'spki', format: 'pem' });
const signer = {
  sign: async (data) => ({
    signature: sign(key.asymmetricKeyType === 'ed25519' ? null : 'sha256', data, key),
    key: { $case: 'publicKey', publicKey, hint },
  }),
};
new MessageSignatureBundleBuilder({ signer, witnesses: [] }).create({ data: readFileSync(filePath) }).then((bundle) => {
  writeFileSync(out, JSON.stringify(bundleToJSON(bundle)));
  console.log('signed');
});
