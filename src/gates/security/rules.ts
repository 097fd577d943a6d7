import { angularExpressionsRule } from './angular-expressions.js';
import { automationSinksRule } from './automation-sinks.js';
import { callbackSinksRule } from './callback-sinks.js';
import { codeInjectionRule } from './code-injection.js';
import { commandInjectionRule } from './command-injection.js';
import { credentialUsesRule } from './credential-uses.js';
import { dynamodbCommandsRule } from './dynamodb-commands.js';
import { electronSinksRule } from './electron-sinks.js';
import { extensionScriptsRule } from './extension-scripts.js';
import { indirectEvalRule } from './indirect-eval.js';
import { hardcodedCredentialsRule } from './hardcoded-credentials.js';
import { inlineTemplatesRule } from './inline-templates.js';
import { insecureCryptoRule } from './insecure-crypto.js';
import { nosqlInjectionRule } from './nosql-injection.js';
import { openRedirectRule } from './open-redirect.js';
import { pathTraversalRule } from './path-traversal.js';
import { prototypePollutionRule } from './prototype-pollution.js';
import { regexInjectionRule } from './regex-injection.js';
import { scriptLoadsRule } from './script-loads.js';
import { sqlInjectionRule } from './sql-injection.js';
import { sqlStringsRule } from './sql-strings.js';
import { ssrfRule } from './ssrf.js';
import { ssrfSocketsRule } from './ssrf-sockets.js';
import { templateInjectionRule } from './template-injection.js';
import type { SecurityRule } from './types.js';
import { viewRenderRule } from './view-render.js';
import { xssJqueryRule } from './xss-jquery.js';
import { xssJqueryMarkupRule } from './xss-jquery-markup.js';
import { xssTrustedMarkupRule } from './xss-trusted-markup.js';
import { xssUrlPropsRule } from './xss-url-props.js';
import { xssEscapingRule } from './xss-escaping.js';
import { xssFrameworksRule } from './xss-frameworks.js';
import { escapeOverridesRule } from './escape-overrides.js';
import { browserConnectRule } from './browser-connect.js';
import { xssMarkupRule } from './xss-markup.js';
import { xssConfigRule } from './xss-config.js';
import { xssDomAttributesRule } from './xss-dom-attributes.js';
import { xssResponseRule } from './xss-response.js';
import { xssVueRenderRule } from './xss-vue-render.js';
import { vueTemplatesRule } from './vue-templates.js';
import { xssRule } from './xss.js';

/** Every rule family of the security gate. */
export const securityRules: readonly SecurityRule[] = [
  codeInjectionRule,
  angularExpressionsRule,
  indirectEvalRule,
  commandInjectionRule,
  sqlInjectionRule,
  sqlStringsRule,
  nosqlInjectionRule,
  dynamodbCommandsRule,
  templateInjectionRule,
  inlineTemplatesRule,
  viewRenderRule,
  pathTraversalRule,
  xssRule,
  ssrfRule,
  ssrfSocketsRule,
  openRedirectRule,
  regexInjectionRule,
  prototypePollutionRule,
  insecureCryptoRule,
  hardcodedCredentialsRule,
  credentialUsesRule,
  automationSinksRule,
  browserConnectRule,
  scriptLoadsRule,
  callbackSinksRule,
  electronSinksRule,
  extensionScriptsRule,
  xssFrameworksRule,
  escapeOverridesRule,
  xssMarkupRule,
  xssConfigRule,
  xssDomAttributesRule,
  xssVueRenderRule,
  vueTemplatesRule,
  xssResponseRule,
  xssJqueryRule,
  xssJqueryMarkupRule,
  xssTrustedMarkupRule,
  xssUrlPropsRule,
  xssEscapingRule,
];
