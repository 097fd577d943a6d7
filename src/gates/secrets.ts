import { createSecretDetector, type DetectOptions, type SecretMatch } from '../secrets/detect.js';
import {
  severities,
  severityRank,
  type Finding,
  type Gate,
  type GateResult,
  type Severity,
} from './types.js';

const binaryExtension =
  /\.(?:png|jpe?g|gif|webp|ico|bmp|tiff?|pdf|zip|gz|tgz|bz2|xz|7z|rar|jar|war|class|woff2?|ttf|otf|eot|mp[34]|mov|avi|wasm|so|dylib|dll|exe|bin|node|sqlite|db)$/i;

const fix =
  'Move it to an environment variable or secret manager, and rotate it: it has been exposed.';

/** Enough of the secret to recognise it, never the whole of it. */
function preview(secret: string): string {
  const head = secret.replace(/\s+/g, ' ').slice(0, secret.length > 12 ? 4 : 0);
  return `${head}… (${secret.length} chars)`;
}

function toFinding(path: string, content: string, match: SecretMatch): Finding {
  const lineStart = content.lastIndexOf('\n', match.start - 1) + 1;
  const endLine = match.line + (content.slice(match.start, match.end).match(/\n/g)?.length ?? 0);
  return {
    gate: 'secrets',
    rule: match.rule,
    severity: match.severity,
    message: `Hardcoded secret (${match.rule}): ${preview(match.secret)}.`,
    line: match.line,
    ...(endLine > match.line ? { endLine } : {}),
    column: match.start - lineStart + 1,
    cwe: 'CWE-798',
    fix,
    file: path,
  };
}

/** PKCS#12 keystores hold a private key and its certificate: committing one leaks the key. */
const keystore = /\.(?:p12|pfx)$/i;

function keystoreFinding(path: string): Finding {
  return {
    gate: 'secrets',
    rule: 'pkcs12-file',
    severity: 'high',
    message: 'A PKCS#12 keystore (private key and certificate) is part of the change.',
    line: 1,
    cwe: 'CWE-798',
    fix: 'Remove the keystore from the repository, load it from a secret store at run time, and reissue the key.',
    file: path,
  };
}

function blockingSeverity(options: Record<string, unknown>): Severity {
  const value = options.blocking;
  return severities.find((s) => s === value) ?? 'high';
}

/**
 * Hardcoded credentials (CWE-798) in any text file: provider token formats (file-specific
 * ones only in their files) and high-entropy `password = "…"` assignments.
 * Fails when a finding is at or above `gates.secrets.blocking` (default high).
 */
export function createSecretsGate(options: DetectOptions = {}): Gate {
  const detector = createSecretDetector(options);
  return {
    name: 'secrets',
    description: 'hardcoded secrets: API keys, tokens, private keys, passwords (CWE-798)',
    appliesTo: (path) => !binaryExtension.test(path),
    async run(ctx, signal): Promise<GateResult> {
      const started = performance.now();
      const findings: Finding[] = [];
      for (const file of ctx.files) {
        if (signal.aborted) break;
        if (keystore.test(file.path)) findings.push(keystoreFinding(file.path));
        if (file.content.includes('\u0000')) continue; // binary content: nothing to read
        const matches = await detector.detect(file.content, file.path);
        findings.push(...matches.map((m) => toFinding(file.path, file.content, m)));
      }
      const threshold = severityRank[blockingSeverity(ctx.options)];
      const blocking = findings.some((f) => severityRank[f.severity] >= threshold);
      return {
        gate: 'secrets',
        verdict: blocking ? 'fail' : 'pass',
        findings,
        durationMs: performance.now() - started,
      };
    },
  };
}
