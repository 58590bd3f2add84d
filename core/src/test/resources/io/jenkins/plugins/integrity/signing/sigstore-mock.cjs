// A local Sigstore stand-in on 127.0.0.1: @sigstore/mock's Fulcio (POST /api/v2/signingCert) and Rekor
// (POST /api/v1/log/entries) handlers behind an HTTP server, with the trusted root that verifies what they issue.
// usage: node sigstore-mock.cjs TRUSTED_ROOT_OUT   (prints "listening PORT" once it serves; stops when stdin closes)
const http = require('node:http');
const { createHash } = require('node:crypto');
const { writeFileSync } = require('node:fs');
const { initializeCA, initializeCTLog, initializeTLog, fulcioHandler, rekorHandler } = require('@sigstore/mock');
const { generateKeyPair } = require('@sigstore/mock/dist/util/key');

const [rootOut] = process.argv.slice(2);
const server = http.createServer();
server.listen(0, '127.0.0.1', async () => {
  const url = `http://127.0.0.1:${server.address().port}`;
  const caKeys = generateKeyPair('prime256v1');
  const ctKeys = generateKeyPair('prime256v1');
  const tlogKeys = generateKeyPair('prime256v1');
  const ctLog = await initializeCTLog(ctKeys);
  const ca = await initializeCA(caKeys, ctLog);
  const tlog = await initializeTLog(url, tlogKeys);
  const handlers = [fulcioHandler(ca), rekorHandler(tlog)];
  server.on('request', (req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', async () => {
      const h = handlers.find((x) => req.method === 'POST' && req.url === x.path);
      if (!h) { res.writeHead(404).end('not found'); return; }
      const r = await h.fn(Buffer.concat(chunks).toString('utf8'));
      res.writeHead(r.statusCode, { 'Content-Type': r.contentType || 'text/plain' }).end(r.response);
    });
  });
  const der = (k) => k.publicKey.export({ type: 'spki', format: 'der' });
  const start = new Date(Date.now() - 3600_000).toISOString();
  const log = (keys) => ({ baseUrl: url, hashAlgorithm: 'SHA2_256',
    publicKey: { rawBytes: der(keys).toString('base64'), keyDetails: 'PKIX_ECDSA_P256_SHA_256', validFor: { start } },
    logId: { keyId: createHash('sha256').update(der(keys)).digest('base64') } });
  writeFileSync(rootOut, JSON.stringify({
    mediaType: 'application/vnd.dev.sigstore.trustedroot+json;version=0.1',
    tlogs: [log(tlogKeys)],
    certificateAuthorities: [{ subject: { organization: 'sigstore.mock', commonName: 'sigstore' }, uri: url,
      certChain: { certificates: [{ rawBytes: Buffer.from(ca.rootCertificate).toString('base64') }] },
      validFor: { start } }],
    ctlogs: [log(ctKeys)],
    timestampAuthorities: [],
  }, null, 2));
  console.log(`listening ${server.address().port}`);
});
process.stdin.on('end', () => server.close(() => process.exit(0)));
process.stdin.resume();
