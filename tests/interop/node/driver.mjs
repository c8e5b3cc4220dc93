// Posvid's interop with the TypeScript ecosystem: a wallet and a verifier made of third-party
// npm libraries, driven step by step by tests/interop/test_node_oid4vci.py.
//
//   node driver.mjs < {"step": "...", ...}   ->   {"ok": true, ...} or {"ok": false, "error": ...}
//
// Steps:
//   versions  the installed versions of the libraries (read from their package.json)
//   issue     OpenID4VCI 1.0 pre-authorized code flow with @openid4vc/openid4vci: the offer by
//             reference, the issuer metadata, a token with tx_code, a nonce, a batch of key proofs
//             (the metadata's batch_size, one holder key each) for each offered configuration;
//             every credential verified by @sd-jwt/sd-jwt-vc against the issuer's JWKS
//             (/.well-known/jwt-vc-issuer)
//   present   a presentation by @sd-jwt/sd-jwt-vc of a credential got in `issue`, with a KB-JWT
//   verify    a presentation (e.g. a Posvid wallet's) verified by @sd-jwt/sd-jwt-vc: issuer
//             signature against the JWKS, disclosures, KB-JWT (holder key, nonce, sd_hash), aud
//   status    each credential's Token Status List entry, read by @sd-jwt/sd-jwt-vc (which uses
//             @sd-jwt/jwt-status-list), the list's signature verified against the issuer's JWKS
//
// The driver asserts nothing about Posvid: it reports what the libraries saw and the Python
// test decides. Only loopback http URLs are used (oid4vc-ts needs allowInsecureUrls for http).

import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';

import { clientAuthenticationAnonymous, setGlobalConfig } from '@openid4vc/oauth2';
import { Openid4vciClient } from '@openid4vc/openid4vci';
import { ES256, digest, generateSalt } from '@sd-jwt/crypto-nodejs';
import { SDJwtVcInstance } from '@sd-jwt/sd-jwt-vc';

setGlobalConfig({ allowInsecureUrls: true });

const LIBRARIES = [
  '@openid4vc/openid4vci',
  '@openid4vc/oauth2',
  '@openid4vc/utils',
  '@sd-jwt/sd-jwt-vc',
  '@sd-jwt/core',
  '@sd-jwt/crypto-nodejs',
  '@sd-jwt/jwt-status-list',
];

const b64url = (bytes) => Buffer.from(bytes).toString('base64url');
const decodePart = (part) => JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
const publicOnly = ({ kty, crv, x, y }) => ({ kty, crv, x, y });

function assertLoopback(url) {
  const host = new URL(url).hostname;
  if (host !== '127.0.0.1' && host !== 'localhost') {
    throw new Error(`refusing a non-loopback URL: ${url}`);
  }
}

async function fetchJson(url) {
  assertLoopback(url);
  const response = await fetch(url, { headers: { Accept: 'application/json' } });
  if (!response.ok) throw new Error(`GET ${url}: ${response.status}`);
  return response.json();
}

// SD-JWT VC issuer metadata: /.well-known/jwt-vc-issuer inserted before the issuer's path
async function issuerJwks(iss) {
  const url = new URL(iss);
  const path = url.pathname === '/' ? '' : url.pathname;
  const metadata = await fetchJson(`${url.origin}/.well-known/jwt-vc-issuer${path}`);
  if (metadata.issuer !== iss) {
    throw new Error(`jwt-vc-issuer names ${metadata.issuer}, the credential ${iss}`);
  }
  return metadata.jwks.keys;
}

// A JWS verifier over the issuer's JWKS: the key chosen by the header's kid (the sd-jwt-js
// verifier callback gets the signing input, so the header is read from it)
function jwksVerifier(keys) {
  return async (data, signature) => {
    const header = decodePart(data.split('.')[0]);
    if (header.alg !== 'ES256') throw new Error(`unexpected issuer alg ${header.alg}`);
    const jwk = keys.find((k) => k.kid === header.kid);
    if (!jwk) throw new Error(`no issuer key with kid ${header.kid}`);
    return (await ES256.getVerifier(publicOnly(jwk)))(data, signature);
  };
}

// The holder's KB-JWT is checked against the credential's cnf.jwk
async function kbVerifier(data, signature, payload) {
  const jwk = payload?.cnf?.jwk;
  if (!jwk) throw new Error('the credential has no cnf.jwk');
  return (await ES256.getVerifier(publicOnly(jwk)))(data, signature);
}

async function sdJwtVc(iss, extra = {}) {
  return new SDJwtVcInstance({
    hasher: digest,
    hashAlg: 'sha-256',
    saltGenerator: generateSalt,
    verifier: jwksVerifier(await issuerJwks(iss)),
    kbVerifier,
    ...extra,
  });
}

function issuerOf(sdJwt) {
  return decodePart(sdJwt.split('~')[0].split('.')[1]).iss;
}

function describeError(error) {
  const details = [error?.message ?? String(error)];
  const body = error?.response?.body ?? error?.errorResponse;
  if (body) details.push(typeof body === 'string' ? body : JSON.stringify(body));
  return details.join(' | ');
}

// --- the steps ---------------------------------------------------------------------------

function versions() {
  const out = {};
  for (const name of LIBRARIES) {
    const file = new URL(`./node_modules/${name}/package.json`, import.meta.url);
    out[name] = JSON.parse(readFileSync(file, 'utf8')).version;
  }
  return { versions: out, node: process.version };
}

async function signJwt(signer, { header, payload }, privateKeys) {
  if (signer.method !== 'jwk') throw new Error(`unexpected signer method ${signer.method}`);
  const privateJwk = privateKeys.get(signer.publicJwk.x);
  const input = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(payload))}`;
  const signature = await (await ES256.getSigner(privateJwk))(input);
  return { jwt: `${input}.${signature}`, signerJwk: signer.publicJwk };
}

async function issue({ offer_uri, tx_code, proofs_per_request }) {
  const privateKeys = new Map();
  const client = new Openid4vciClient({
    callbacks: {
      hash: (data, alg) => createHash(alg.replace('-', '')).update(data).digest(),
      generateRandom: (n) => randomBytes(n),
      signJwt: (signer, jwt) => signJwt(signer, jwt, privateKeys),
      clientAuthentication: clientAuthenticationAnonymous(),
    },
  });
  const offer = await client.resolveCredentialOffer(offer_uri);
  assertLoopback(offer.credential_issuer);
  const metadata = await client.resolveIssuerMetadata(offer.credential_issuer);
  const { accessTokenResponse } = await client.retrievePreAuthorizedCodeAccessTokenFromOffer({
    credentialOffer: offer,
    issuerMetadata: metadata,
    txCode: tx_code,
  });
  const batchSize = metadata.credentialIssuer.batch_credential_issuance?.batch_size ?? 1;
  const wanted = proofs_per_request ?? batchSize;
  const configurations = {};
  for (const id of offer.credential_configuration_ids) {
    const { c_nonce } = await client.requestNonce({ issuerMetadata: metadata });
    const holders = [];
    const jwts = [];
    for (let i = 0; i < wanted; i += 1) {
      const { publicKey, privateKey } = await ES256.generateKeyPair();
      const publicJwk = publicOnly(publicKey);
      privateKeys.set(publicJwk.x, privateKey);
      holders.push({ public: publicJwk, private: privateKey });
      const { jwt } = await client.createCredentialRequestJwtProof({
        issuerMetadata: metadata,
        credentialConfigurationId: id,
        signer: { method: 'jwk', alg: 'ES256', publicJwk },
        nonce: c_nonce,
      });
      jwts.push(jwt);
    }
    const response = await client.retrieveCredentials({
      issuerMetadata: metadata,
      accessToken: accessTokenResponse.access_token,
      credentialConfigurationId: id,
      proofs: { jwt: jwts },
    });
    const issued = response.credentialResponse.credentials.map((c) => c.credential);
    const credentials = [];
    for (const credential of issued) {
      const iss = issuerOf(credential);
      const verified = await (await sdJwtVc(iss)).verify(credential);
      const claims = await (await sdJwtVc(iss)).getClaims(credential);
      // the holder key bound into the credential is one of the keys this wallet proved
      const holder = holders.find((h) => h.public.x === verified.payload.cnf?.jwk?.x);
      credentials.push({
        credential,
        typ: verified.header?.typ,
        kid: verified.header?.kid,
        iss,
        vct: verified.payload.vct,
        status: verified.payload.status ?? null,
        claims,
        holder_private_jwk: holder?.private ?? null,
      });
    }
    const config = metadata.credentialIssuer.credential_configurations_supported[id];
    const claimDisplay = (config.credential_metadata?.claims ?? config.claims ?? []).map((c) => ({
      path: c.path,
      names: (c.display ?? []).map((d) => ({ name: d.name ?? null, locale: d.locale ?? null })),
    }));
    configurations[id] = { proofs_sent: jwts.length, credentials, claim_display: claimDisplay };
  }
  return {
    credential_issuer: offer.credential_issuer,
    offered: offer.credential_configuration_ids,
    grants: Object.keys(offer.grants ?? {}),
    tx_code_asked: Boolean(
      offer.grants?.['urn:ietf:params:oauth:grant-type:pre-authorized_code']?.tx_code,
    ),
    token_type: accessTokenResponse.token_type,
    batch_size: batchSize,
    configurations,
  };
}

async function present({ credential, holder_private_jwk, disclose, aud, nonce }) {
  const instance = await sdJwtVc(issuerOf(credential), {
    kbSigner: await ES256.getSigner(holder_private_jwk),
    kbSignAlg: 'ES256',
  });
  const frame = Object.fromEntries(disclose.map((name) => [name, true]));
  const presentation = await instance.present(credential, frame, {
    kb: { payload: { aud, nonce, iat: Math.floor(Date.now() / 1000) } },
  });
  return { presentation };
}

async function verify({ presentation, nonce, aud }) {
  const instance = await sdJwtVc(issuerOf(presentation));
  const verified = await instance.verify(presentation, {
    keyBindingNonce: nonce,
    requiredClaimKeys: [],
  });
  const kb = verified.kb?.payload;
  if (!kb) throw new Error('no key binding JWT was verified');
  if (kb.aud !== aud) throw new Error(`KB-JWT aud ${kb.aud}, expected ${aud}`);
  const claims = await instance.getClaims(presentation);
  return { typ: verified.header?.typ, kb, claims };
}

async function status({ credentials }) {
  const statuses = [];
  for (const credential of credentials) {
    let seen = null;
    const instance = await sdJwtVc(issuerOf(credential), {
      statusValidator: async (value) => {
        seen = value;
      },
    });
    await instance.verify(credential);
    if (seen === null) throw new Error('the library read no status (no status_list reference?)');
    statuses.push(seen);
  }
  return { statuses };
}

const STEPS = { versions, issue, present, verify, status };

async function main() {
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  const request = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
  const step = STEPS[request.step];
  let answer;
  try {
    if (!step) throw new Error(`unknown step ${request.step}`);
    answer = { ok: true, ...(await step(request)) };
  } catch (error) {
    answer = { ok: false, error: describeError(error) };
  }
  process.stdout.write(`${JSON.stringify(answer)}\n`);
}

await main();
