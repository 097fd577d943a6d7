import ts from 'typescript';
import { isStringBuilding, objectProperty, receiverName, unwrap } from './ast.js';
import { levelOf, severityFor, sourceText, type Level } from './rule-kit.js';
import type { Flow, RuleContext, SecurityRule } from './types.js';

const shellCalls = new Set(['exec', 'execSync']);
const spawnCalls = new Set(['spawn', 'spawnSync', 'execFile', 'execFileSync', 'fork']);
const shells =
  /^(\/(usr\/)?bin\/)?(sh|bash|zsh|dash|ksh|cmd|cmd\.exe|powershell|powershell\.exe|pwsh)$/i;
const cpReceivers = /^(child_?process|childProcess|cp|proc|shell|shelljs)$/;
const FIX =
  "Use execFile()/spawn() with a fixed program and an argument array and no shell (e.g. execFile('git', ['log', branch])); validate input against an allow-list.";

function isChildProcess(ctx: RuleContext, call: ts.CallExpression): string | undefined {
  const r = ctx.resolveCall(call);
  if (!r) return undefined;
  // execa(file, args, { shell: true }) behaves like spawn
  if (r.module === 'execa' && /^execa(Sync|Node)?$/.test(r.name)) return r.name;
  if (!shellCalls.has(r.name) && !spawnCalls.has(r.name)) return undefined;
  if (r.module === 'child_process' || r.module === 'shelljs') return r.name;
  if (r.module !== undefined) return undefined;
  if (r.receiver) return cpReceivers.test(receiverName(r.receiver)) ? r.name : undefined;
  return r.name === 'execSync' || r.name === 'exec' || r.name === 'spawn' || r.name === 'execFile'
    ? r.name
    : undefined;
}

function report(ctx: RuleContext, node: ts.Node, level: Level, flow: Flow, what: string): void {
  ctx.report(node, {
    rule: 'command-injection',
    cwe: 'CWE-78',
    severity: severityFor(level, 'critical', 'high', 'medium'),
    message:
      level === 'unknown'
        ? `${what} runs a shell command built by concatenating a non-constant value.`
        : `${what} runs a shell command built from ${sourceText(flow)}.`,
    fix: FIX,
  });
}

function usesShell(options: ts.Expression | undefined): boolean {
  if (!options) return false;
  const o = unwrap(options);
  if (!ts.isObjectLiteralExpression(o)) return false;
  const shell = objectProperty(o, 'shell');
  if (!shell) return false;
  const s = unwrap(shell);
  return s.kind !== ts.SyntaxKind.FalseKeyword && s.kind !== ts.SyntaxKind.UndefinedKeyword;
}

function checkShell(call: ts.CallExpression, name: string, ctx: RuleContext): void {
  const cmd = call.arguments[0];
  if (!cmd) return;
  const flow = ctx.flow(cmd);
  const level = levelOf(flow);
  if (level === 'remote' || level === 'local') report(ctx, call, level, flow, `${name}()`);
  else if (level === 'unknown' && isStringBuilding(cmd))
    report(ctx, call, level, flow, `${name}()`);
}

function checkSpawn(call: ts.CallExpression, name: string, ctx: RuleContext): void {
  const [cmd, args, opts] = call.arguments;
  if (!cmd) return;
  const argArray =
    args && ts.isArrayLiteralExpression(unwrap(args))
      ? (unwrap(args) as ts.ArrayLiteralExpression)
      : undefined;
  const options = argArray || (args && !ts.isObjectLiteralExpression(unwrap(args))) ? opts : args;
  const cmdFlow = ctx.flow(cmd);
  const cmdLevel = levelOf(cmdFlow);
  if (cmdLevel === 'remote' || cmdLevel === 'local') {
    report(ctx, call, cmdLevel, cmdFlow, `${name}()`);
    return;
  }
  const program = ctx.constString(cmd);
  const shellArgs =
    argArray?.elements.some((e) => /^(-c|\/c|\/C|-Command)$/.test(ctx.constString(e) ?? '')) ??
    false;
  if (!usesShell(options) && !(program !== undefined && shells.test(program) && shellArgs)) return;
  const argsFlow = args ? ctx.flow(args) : cmdFlow;
  const level = levelOf(argsFlow);
  if (level === 'remote' || level === 'local')
    report(ctx, call, level, argsFlow, `${name}() with a shell`);
}

export const commandInjectionRule: SecurityRule = {
  id: 'command-injection',
  kinds: [ts.SyntaxKind.CallExpression],
  visit(node, ctx) {
    if (!ts.isCallExpression(node)) return;
    const name = isChildProcess(ctx, node);
    if (name === undefined) return;
    if (shellCalls.has(name)) checkShell(node, name, ctx);
    else checkSpawn(node, name, ctx);
  },
};
