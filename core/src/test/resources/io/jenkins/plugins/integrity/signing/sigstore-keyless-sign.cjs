// Signs a file keyless with sigstore-js (@sigstore/sign): a Fulcio certificate for the identity token, and a
// Rekor entry, from the Sigstore deployment at URL (Fulcio and Rekor at the same base, as sigstore-mock.cjs serves).
// usage: node sigstore-keyless-sign.cjs FILE BUNDLE_OUT URL TOKEN   (prints "signed")
const { readFileSync, writeFileSync } = require('node:fs');
const { bundleToJSON } = require('@sigstore/bundle');
const { MessageSignatureBundleBuilder, FulcioSigner, RekorWitness } = require('@sigstore/sign');

const [filePath, out, url, token] = process.argv.slice(2);
const signer = new FulcioSigner({ fulcioBaseURL: url, identityProvider: { getToken: async () => token } });
new MessageSignatureBundleBuilder({ signer, witnesses: [new RekorWitness({ rekorBaseURL: url })] })
  .create({ data: readFileSync(filePath) })
  .then((bundle) => { writeFileSync(out, JSON.stringify(bundleToJSON(bundle))); console.log('signed'); })
  .catch((e) => { console.error(e.message); process.exit(1); });
