import { HEX, UUID, named, raw, unique, type ProviderRule } from './rule-kit.js';

/** Messaging, payments, AI and other hosted APIs. */
export const saasRules: readonly ProviderRule[] = [
  unique(
    'stripe-live-key',
    ['sk_live_', 'rk_live_', 'sk_prod_', 'rk_prod_'],
    '[sr]k_(?:live|prod)_[0-9A-Za-z]{10,99}',
    { entropy: 2 },
  ),
  unique('stripe-test-key', ['sk_test_', 'rk_test_'], '[sr]k_test_[0-9A-Za-z]{10,99}', {
    severity: 'medium',
    entropy: 2,
  }),
  unique('stripe-webhook-secret', ['whsec_'], 'whsec_[0-9A-Za-z]{32,}', {
    severity: 'high',
    entropy: 3,
  }),
  unique('square-access-token', ['eaaa', 'sq0atp-'], '(?:EAAA|sq0atp-)[\\w-]{22,60}', {
    entropy: 3,
  }),
  unique('square-secret', ['sq0csp-'], 'sq0csp-[\\w-]{43}', { entropy: 3 }),
  unique(
    'shopify-token',
    ['shpat_', 'shpca_', 'shppa_', 'shpss_'],
    'shp(?:at|ca|pa|ss)_[a-fA-F0-9]{32}',
    { entropy: 2 },
  ),
  unique('shippo-token', ['shippo_'], 'shippo_(?:live|test)_[a-fA-F0-9]{40}', { entropy: 2 }),
  unique('easypost-token', ['ezak', 'eztk'], 'EZ[AT]K[a-zA-Z0-9]{54}', { entropy: 2 }),
  unique('duffel-token', ['duffel_'], 'duffel_(?:test|live)_[a-zA-Z0-9_\\-=]{43}', { entropy: 2 }),
  unique(
    'flutterwave-key',
    ['flwseck', 'flwpubk'],
    'FLW(?:SECK|PUBK)_TEST-[a-hA-H0-9]{32}-X|FLWSECK_TEST-?[a-hA-H0-9]{12}',
    { entropy: 2 },
  ),
  named('gocardless-token', ['gocardless'], 'gocardless', 'live_[a-z0-9\\-_=]{40}', { entropy: 2 }),
  unique('twilio-api-key', ['sk'], 'SK[0-9a-fA-F]{32}', { entropy: 3 }),
  named('twilio-auth-token', ['twilio'], 'twilio[\\w.-]{0,20}?(?:auth|token|secret)', `${HEX}{32}`),
  unique('sendgrid-api-key', ['sg.'], 'SG\\.[A-Za-z0-9_\\-]{22}\\.[A-Za-z0-9_\\-]{43}', {
    entropy: 2,
  }),
  unique('sendinblue-api-key', ['xkeysib-'], `xkeysib-${HEX}{64}-[a-zA-Z0-9]{16}`),
  // `key-<32 hex>` alone is also a common cache or idempotency key: Mailgun's needs its name.
  named('mailgun-key', ['mailgun'], 'mailgun', `key-${HEX}{32}`),
  named('mailchimp-api-key', ['mailchimp'], 'mailchimp[\\w.-]{0,30}', `${HEX}{32}-us\\d\\d`, {
    entropy: 2,
  }),
  named('mailgun-signing-key', ['mailgun'], 'mailgun', '[a-h0-9]{32}-[a-h0-9]{8}-[a-h0-9]{8}'),
  named(
    'messagebird-api-token',
    ['messagebird', 'message-bird', 'message_bird'],
    'message[_-]?bird',
    `[a-z0-9]{25}|${UUID}`,
    { idIsSecret: true }, // its client id authenticates too
  ),
  unique('telegram-bot-token', ['telegram', 'bot'], '[0-9]{5,16}:A[a-zA-Z0-9_\\-]{34}', {
    entropy: 3,
  }),
  named('discord-token', ['discord'], 'discord', `${HEX}{64}|[a-z0-9=_-]{32}`, { entropy: 3 }),
  named('facebook-secret', ['facebook'], 'facebook', `${HEX}{32}`),
  unique('facebook-access-token', ['eaam', 'eaac'], 'EAA[MC][a-zA-Z0-9]{100,}', { entropy: 4 }),
  unique('facebook-access-token', ['|', '%7c'], '\\d{15,16}(?:\\||%7[cC])[0-9a-zA-Z\\-_]{27,40}', {
    entropy: 3,
  }),
  named('twitter-secret', ['twitter'], 'twitter', '[a-z0-9]{35,50}', { entropy: 3.5 }),
  // A Dropbox short-lived access token: `sl.` and about 140 characters.
  unique('dropbox-token', ['sl.'], 'sl\\.[A-Za-z0-9_=-]{130,160}', { entropy: 4 }),
  named('linkedin-secret', ['linkedin', 'linked-in'], 'linked-?in', '[a-z0-9]{14,16}', {
    entropy: 3,
  }),
  named('hubspot-api-key', ['hubspot'], 'hubspot', UUID),
  named('intercom-token', ['intercom'], 'intercom', '[a-z0-9=_-]{60}', { entropy: 3 }),
  named('zendesk-token', ['zendesk'], 'zendesk', '[a-z0-9]{40}', { entropy: 3.5 }),
  named('algolia-api-key', ['algolia'], 'algolia', '[a-z0-9]{32}'),
  named('contentful-token', ['contentful'], 'contentful', '[a-z0-9=_-]{43}'),
  named('etsy-token', ['etsy'], 'etsy', '[a-z0-9]{24}'),
  named('beamer-token', ['beamer'], 'beamer', 'b_[a-z0-9=_-]{44}'),
  named('mapbox-token', ['mapbox', 'pk.'], 'mapbox', 'pk\\.[a-z0-9]{60}\\.[a-z0-9]{22}'),
  // A secret-scope token: `sk.` and a JWT-like body whose claims open with `{"u":"`.
  unique('mapbox-token', ['sk.eyj1ijoi'], 'sk\\.eyJ1Ijoi[A-Za-z0-9_-]{40,}\\.[A-Za-z0-9_-]{20,}', {
    entropy: 3.5,
  }),
  unique('notion-token', ['ntn_'], 'ntn_[0-9]{11}[A-Za-z0-9]{35}', { entropy: 4 }),
  named('notion-token', ['notion'], 'notion', 'secret_[a-zA-Z0-9]{43}'),
  unique('intra42-secret', ['s-s4t2'], 's-s4t2(?:ud|af)-[abcdef0123456789]{64}', { entropy: 3 }),
  named('cisco-meraki-key', ['meraki'], 'meraki', `${HEX}{40}`),
  named(
    'privateai-token',
    ['private_ai', 'private-ai', 'privateai'],
    'private[_-]?ai',
    '[a-z0-9]{32}',
  ),
  named('maxmind-license-key', ['maxmind'], 'maxmind', '[A-Za-z0-9]{6}_[A-Za-z0-9]{29}_mmk'),
  unique('maxmind-license-key', ['_mmk'], '[A-Za-z0-9]{6}_[A-Za-z0-9]{29}_mmk', { entropy: 4 }),
  raw(
    'freemius-secret-key',
    ['secret_key'],
    `["']secret_key["']\\s*=>\\s*["'](?<secret>sk_[\\S]{29})["']`,
    { paths: /\.php$/i },
  ),
  unique('anthropic-api-key', ['sk-ant-'], 'sk-ant-(?:api|admin)\\d{2}-[A-Za-z0-9_\\-]{93}AA', {
    entropy: 3,
  }),
  unique(
    'openai-api-key',
    ['sk-'],
    'sk-(?:proj|svcacct|admin|None)-[A-Za-z0-9_\\-]{40,200}|sk-[A-Za-z0-9]{20}T3BlbkFJ[A-Za-z0-9]{20}|sk-[A-Za-z0-9]{48}',
    { entropy: 3 },
  ),
  unique('huggingface-token', ['hf_'], 'hf_[a-zA-Z]{34}', { entropy: 2 }),
  unique('huggingface-token', ['api_org_'], 'api_org_[a-zA-Z]{34}', { entropy: 2 }),
  unique('perplexity-api-key', ['pplx-'], 'pplx-[a-zA-Z0-9]{48}', { entropy: 4 }),
  named('cohere-api-key', ['cohere', 'co_api_key'], 'cohere|CO_API_KEY', '[a-zA-Z0-9]{40}', {
    entropy: 4,
  }),
  unique('groq-api-key', ['gsk_'], 'gsk_[a-zA-Z0-9]{52}', { entropy: 4 }),
  unique('replicate-api-token', ['r8_'], 'r8_[a-zA-Z0-9]{37}', { entropy: 4 }),
  raw(
    'openai-api-key',
    ['sk-'],
    `(?:openai|OPENAI)[\\w.-]{0,20}[\\s'"\`]{0,3}[=:][\\s'"\`]{0,3}(?<secret>sk-[A-Za-z0-9_-]{32,})`,
    { entropy: 3 },
  ),
];
