import { HEX, UUID, named, unique, type ProviderRule } from './rule-kit.js';

/** Cloud and infrastructure providers: credentials formats from their documentation. */
export const cloudRules: readonly ProviderRule[] = [
  unique(
    'aws-access-key-id',
    ['akia', 'asia', 'abia', 'acca', 'a3t'],
    '(?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}',
    { entropy: 3 },
  ),
  named(
    'aws-secret-access-key',
    ['aws', 'secret_access_key', 'secretaccesskey'],
    'aws[\\w.-]{0,30}?secret[\\w.-]{0,20}|secret_?access_?key',
    '[A-Za-z0-9/+]{40}',
    { entropy: 4 },
  ),
  unique('aws-bedrock-api-key', ['absk'], 'ABSK[A-Za-z0-9+/]{109,269}={0,2}'),
  unique(
    'aws-bedrock-api-key',
    ['bedrock-api-key-'],
    'bedrock-api-key-YmVkcm9jay5hbWF6b25hd3MuY29t[A-Za-z0-9+/=%_-]*',
  ),
  unique('gcp-api-key', ['aiza'], 'AIza[\\w-]{35}', { entropy: 3 }),
  unique('alibaba-access-key-id', ['ltai'], 'LTAI[a-zA-Z0-9]{20}'),
  named('alibaba-secret-key', ['alibaba'], 'alibaba', '[a-z0-9]{30}', { entropy: 3.5 }),
  unique(
    'digitalocean-token',
    ['do_v1_', 'dop_v1_', 'doo_v1_', 'dor_v1_'],
    `do[opr]_v1_${HEX}{64}`,
    { entropy: 3 },
  ),
  named('cloudflare-api-key', ['cloudflare'], 'cloudflare', '[a-z0-9_-]{40}', { entropy: 3.5 }),
  named('cloudflare-global-api-key', ['cloudflare'], 'cloudflare', `${HEX}{37}`, { entropy: 3.5 }),
  unique('cloudflare-origin-ca-key', ['v1.0-'], `v1\\.0-${HEX}{24}-${HEX}{146}`),
  named('heroku-api-key', ['heroku'], 'heroku', UUID, { entropy: 3 }),
  unique('heroku-api-key', ['hrku-'], 'HRKU-AA[0-9a-zA-Z_-]{58}'),
  unique(
    'flyio-access-token',
    ['fo1_', 'fm1a_', 'fm1r_', 'fm2_'],
    'fo1_[\\w-]{43}|fm1[ar]_[a-zA-Z0-9+/]{100,}={0,3}|fm2_[a-zA-Z0-9+/]{100,}={0,3}',
    { entropy: 4 },
  ),
  unique('vault-service-token', ['hvs.'], 'hvs\\.[\\w-]{90,120}', { entropy: 3.5 }),
  unique(
    'vault-service-token',
    ['s.'],
    's\\.(?=[a-z0-9]*[A-Z])(?=[A-Z0-9]*[a-z])(?=[a-zA-Z]*\\d)[a-zA-Z0-9]{24}',
    { entropy: 3.5 },
  ),
  unique('vault-batch-token', ['hvb.'], 'hvb\\.[\\w-]{138,300}', { entropy: 4 }),
  unique(
    'terraform-cloud-token',
    ['atlasv1'],
    '[a-zA-Z0-9]{14}\\.atlasv1\\.[a-zA-Z0-9\\-_=]{60,70}',
    { entropy: 3.5 },
  ),
  unique('databricks-token', ['dapi'], `dapi${HEX}{32}(?:-\\d)?`, { entropy: 3 }),
  unique('doppler-token', ['dp.pt.'], 'dp\\.pt\\.[a-zA-Z0-9]{43}'),
  unique('dynatrace-token', ['dt0c01.'], 'dt0c01\\.[a-zA-Z0-9]{24}\\.[a-zA-Z0-9]{64}'),
  unique('grafana-api-key', ['eyjrijoi'], 'eyJrIjoi[A-Za-z0-9]{70,400}={0,3}', { entropy: 3 }),
  unique('grafana-cloud-token', ['glc_'], 'glc_[A-Za-z0-9+/]{32,400}={0,3}', { entropy: 3 }),
  unique('grafana-service-account-token', ['glsa_'], 'glsa_[A-Za-z0-9]{32}_[A-Fa-f0-9]{8}', {
    entropy: 3,
  }),
  unique(
    'new-relic-key',
    ['nrak-', 'nrjs-', 'nrii-'],
    'NRAK-[A-Z0-9]{27}|NRJS-[a-f0-9]{19}|NRII-[A-Za-z0-9-]{32}',
  ),
  named('datadog-access-token', ['datadog'], 'datadog', '[a-z0-9]{40}', { entropy: 3.5 }),
  named('sumologic-access-id', ['sumo'], 'sumo', 'su[a-zA-Z0-9]{12}', {
    entropy: 3,
    idIsSecret: true,
  }),
  named('sumologic-access-token', ['sumo'], 'sumo', '[a-z0-9]{64}', { entropy: 3.5 }),
  unique('openshift-user-token', ['sha256~'], 'sha256~[\\w-]{43}', { entropy: 3.5 }),
  unique('pulumi-access-token', ['pul-'], `pul-${HEX}{40}`, { entropy: 2 }),
  unique('scalingo-token', ['tk-us-'], 'tk-us-[\\w-]{48}', { entropy: 2 }),
  unique(
    'harness-api-key',
    ['pat.', 'sat.'],
    '(?:pat|sat)\\.[a-zA-Z0-9_-]{22}\\.[a-zA-Z0-9]{24}\\.[a-zA-Z0-9]{20}',
  ),
  unique('planetscale-token', ['pscale_'], 'pscale_(?:pw|tkn|oauth)_[\\w=.-]{32,64}', {
    entropy: 3,
  }),
  unique('prefect-api-token', ['pnu_'], 'pnu_[a-zA-Z0-9]{36}', { entropy: 2 }),
  unique('clickhouse-cloud-secret', ['4b1d'], '4b1d[A-Za-z0-9]{38}', { entropy: 3 }),
  unique(
    'yandex-token',
    ['aqvn', 't1.'],
    'AQVN[A-Za-z0-9_-]{35,38}|t1\\.[A-Z0-9a-z_-]+={0,2}\\.[A-Z0-9a-z_-]{86}={0,2}',
  ),
  named('netlify-access-token', ['netlify'], 'netlify', '[a-z0-9=_-]{40,46}', { entropy: 3 }),
  named('fastly-api-token', ['fastly'], 'fastly', '[a-z0-9=_-]{32}', { entropy: 3 }),
  named('launchdarkly-access-token', ['launchdarkly'], 'launchdarkly', '[a-z0-9=_-]{40}', {
    entropy: 3,
  }),
  named('okta-access-token', ['okta'], 'okta', '00[\\w=-]{40}', { entropy: 4 }),
  named('kubernetes-token', ['kube'], 'kube[\\w.-]{0,20}token', '[a-z0-9._-]{40,}', {
    entropy: 3.5,
  }),
];
