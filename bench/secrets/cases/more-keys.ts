import { ALNUM, BASE32, BASE64, BASE64URL, DIGITS, HEX, LOWER, UPPER } from './random.js';
import type { KeyFactory } from './fake-keys.js';

const LOWER_ALNUM = LOWER + DIGITS;
const HEX_UPPER = `${HEX}ABCDEF`;
/** age's bech32 alphabet. */
const BECH32 = 'QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L';

/**
 * Fake keys in more providers' documented formats (prefix, alphabet, length), one factory
 * each, so recall is measured beyond the most common providers. Generated, never stored.
 */
export const moreKeyFactories: Record<string, KeyFactory> = {
  huggingface: (rng) => `hf_${rng.chars(UPPER + LOWER, 34)}`,
  perplexity: (rng) => `pplx-${rng.chars(ALNUM, 48)}`,
  groq: (rng) => `gsk_${rng.chars(ALNUM, 52)}`,
  replicate: (rng) => `r8_${rng.chars(ALNUM, 37)}`,
  digitalocean: (rng) => `dop_v1_${rng.chars(HEX, 64)}`,
  doppler: (rng) => `dp.pt.${rng.chars(ALNUM, 43)}`,
  pypi: (rng) => `pypi-AgEIcHlwaS5vcmc${rng.chars(BASE64URL, 70 + rng.int(100))}`,
  'pypi-test': (rng) => `pypi-AgENdGVzdC5weXBpLm9yZw${rng.chars(BASE64URL, 70 + rng.int(100))}`,
  rubygems: (rng) => `rubygems_${rng.chars(HEX, 48)}`,
  shopify: (rng) => `${rng.pick(['shpat_', 'shpss_', 'shpca_'])}${rng.chars(HEX, 32)}`,
  linear: (rng) => `lin_api_${rng.chars(ALNUM, 40)}`,
  postman: (rng) => `PMAK-${rng.chars(HEX, 24)}-${rng.chars(HEX, 34)}`,
  'sentry-user': (rng) => `sntryu_${rng.chars(HEX, 64)}`,
  vault: (rng) => `hvs.${rng.chars(`${ALNUM}_-`, 90 + rng.int(30))}`,
  grafana: (rng) => `glsa_${rng.chars(ALNUM, 32)}_${rng.chars(HEX, 8)}`,
  'new-relic': (rng) => `NRAK-${rng.chars(UPPER + DIGITS, 27)}`,
  databricks: (rng) => `dapi${rng.chars(HEX, 32)}`,
  pulumi: (rng) => `pul-${rng.chars(HEX, 40)}`,
  planetscale: (rng) => `pscale_tkn_${rng.chars(`${ALNUM}_`, 43)}`,
  age: (rng) => `AGE-SECRET-KEY-1${rng.chars(BECH32, 58)}`,
  'azure-ad': (rng) =>
    `${rng.chars(ALNUM, 3)}${rng.chars(DIGITS, 1)}Q~${rng.chars(`${ALNUM}_~.-`, 34)}`,
  alibaba: (rng) => `LTAI${rng.chars(ALNUM, 20)}`,
  sendinblue: (rng) => `xkeysib-${rng.chars(HEX, 64)}-${rng.chars(ALNUM, 16)}`,
  'square-secret': (rng) => `sq0csp-${rng.chars(`${ALNUM}_-`, 43)}`,
  notion: (rng) => `ntn_${rng.chars(DIGITS, 11)}${rng.chars(ALNUM, 35)}`,
  'facebook-page': (rng) => `EAAM${rng.chars(ALNUM, 120)}`,
  'stripe-webhook': (rng) => `whsec_${rng.chars(ALNUM, 32)}`,
  clojars: (rng) => `CLOJARS_${rng.chars(LOWER_ALNUM, 60)}`,
  'artifactory-api': (rng) => `AKCp${rng.chars(ALNUM, 69)}`,
  sourcegraph: (rng) => `sgp_${rng.chars(HEX_UPPER, 40)}`,
  'heroku-v2': (rng) => `HRKU-AA${rng.chars(`${ALNUM}_-`, 58)}`,
  'gitlab-runner': (rng) => `glrt-${rng.chars(`${ALNUM}_-`, 20)}`,
  'github-app': (rng) => `ghs_${rng.chars(ALNUM, 36)}`,
  '1password': (rng) =>
    `A3-${rng.chars(UPPER + DIGITS, 6)}-${rng.chars(UPPER + DIGITS, 11)}-${[5, 5, 5].map((n) => rng.chars(UPPER + DIGITS, n)).join('-')}`,
  'aws-base32': (rng) => `ASIA${rng.chars(BASE32, 16)}`,
  dropbox: (rng) => `sl.${rng.chars(BASE64URL, 138)}`,
  'mapbox-secret': (rng) => `sk.eyJ1Ijoi${rng.chars(ALNUM, 50)}.${rng.chars(BASE64URL, 22)}`,
  'license-key': (rng) => rng.chars(ALNUM, 32),
  'encryption-key': (rng) => `${rng.chars(BASE64, 43)}=`,
};

/** Names a file would give each key (`HF_TOKEN=…`); named formats need theirs. */
export const moreKeyNames: Record<string, string> = {
  huggingface: 'HF_TOKEN',
  'azure-ad': 'AZURE_CLIENT_SECRET',
  // values named only by `…_KEY`: the name says a key, not which service's
  'license-key': 'LICENSE_KEY',
  'encryption-key': 'ENCRYPTION_KEY',
};
