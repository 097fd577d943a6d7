import { storageKeyAccepted } from './credential-checks.js';
import { named, raw, type ProviderRule } from './rule-kit.js';

/**
 * Azure's credential formats, from its documentation: Entra ID client secrets, storage and
 * Cosmos DB account keys, SAS signatures, Service Bus / Event Hubs / IoT Hub shared access
 * keys, Functions keys in a function's URL, and Azure DevOps personal access tokens.
 */
export const azureRules: readonly ProviderRule[] = [
  raw(
    'azure-ad-client-secret',
    ['q~'],
    // `|`: a Markdown table cell
    `(?:^|[\\\\'"\`\\s>=:(,|])(?<secret>[a-zA-Z0-9_~.]{3}\\dQ~[a-zA-Z0-9_~.-]{31,34})(?=$|[\\\\'"\`\\s<),|])`,
    { entropy: 3 },
  ),
  raw('azure-storage-key', ['accountkey='], 'AccountKey=(?<secret>[A-Za-z0-9+/]{86}==)', {
    check: storageKeyAccepted,
  }),
  named('azure-storage-key', ['azure'], 'azure[\\w.-]{0,30}?key', '[A-Za-z0-9+/]{86}=='),
  raw('azure-sas-token', ['sig='], '[?&]sig=(?<secret>[A-Za-z0-9%+/]{43,}(?:%3D|=){0,2})', {
    severity: 'high',
  }),
  named('azure-cosmos-key', ['cosmos'], 'cosmos[\\w.-]{0,30}?key', '[A-Za-z0-9+/]{86}=='),
  raw(
    'azure-shared-access-key',
    ['sharedaccesskey='],
    'SharedAccessKey=(?<secret>[A-Za-z0-9+/]{42}[AEIMQUYcgkosw048]=)',
  ),
  raw(
    'azure-function-key',
    ['azurewebsites.net'],
    '\\.azurewebsites\\.net/api/[^\\s?\'"`]*\\?(?:[^\\s\'"`#]*&)?code=(?<secret>[A-Za-z0-9_-]{40,}={0,2})',
    { entropy: 3.5 },
  ),
  // Classic PATs: 52 characters of lower-case base32, recognisable only by their name.
  named(
    'azure-devops-pat',
    ['devops', 'vsts', 'azdo', 'ado_', 'ado-'],
    '(?:azure[_-]?devops|(?<![a-z])ado|vsts|azdo)[\\w.-]{0,20}?(?:pat|token)',
    '[a-z2-7]{52}',
    { entropy: 3 },
  ),
];
