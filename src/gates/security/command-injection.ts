import ts from '../../lib/typescript.cjs';
import { isStringBuilding, objectProperty, receiverName, unwrap } from './ast.js';
import {
  definition,
  isParameterValue,
  levelOf,
  severityFor,
  sourceText,
  type Level,
} from './rule-kit.js';
import type { Flow, RuleContext, SecurityRule } from './types.js';

/** Calls that run a command line (execa's command() splits one into program and arguments). */
const shellCalls = new Set(['exec', 'execSync', 'command', 'commandSync', 'shell', 'shellSync']);
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
  // execa.command('git log ' + ref), execaCommand(line): the string is split into a program and its arguments
  if (r.module === 'execa' && /^(command|shell)(Sync)?$/.test(r.name)) return r.name;
  if (r.module === 'execa' && /^execaCommand(Sync)?$/.test(r.name)) return 'command';
  // cross-spawn is a drop-in spawn: `spawn(cmd, args, opts)`, `spawn.sync(…)`
  if (r.module === 'cross-spawn')
    return r.receiver ? (r.name === 'sync' ? 'spawnSync' : undefined) : 'spawn';
  if (!shellCalls.has(r.name) && !spawnCalls.has(r.name)) return undefined;
  if (r.module === 'child_process' || r.module === 'shelljs') return r.name;
  if (r.module !== undefined) return undefined;
  if (r.receiver) return cpReceivers.test(receiverName(r.receiver)) ? r.name : undefined;
  return r.name === 'execSync' || r.name === 'exec' || r.name === 'spawn' || r.name === 'execFile'
    ? r.name
    : undefined;
}

function report(
  ctx: RuleContext,
  node: ts.Node,
  level: Level,
  flow: Flow,
  what: string,
  unknownSeverity: 'medium' | 'low' = 'medium',
): void {
  ctx.report(node, {
    rule: 'command-injection',
    cwe: 'CWE-78',
    severity: severityFor(level, 'critical', 'high', unknownSeverity),
    message:
      level === 'unknown'
        ? `${what} runs a shell command built by concatenating a non-constant value.`
        : `${what} runs a shell command built from ${sourceText(flow)}.`,
    fix: FIX,
  });
}

function usesShell(options: ts.Expression | undefined): boolean {
  if (!options) return false;
  const o = definition(options);
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
  else if (level === 'unknown' && (isStringBuilding(cmd) || isParameterValue(cmd)))
    report(ctx, call, level, flow, `${name}()`);
}

function checkSpawn(call: ts.CallExpression, name: string, ctx: RuleContext): void {
  const [cmd, args, opts] = call.arguments;
  if (!cmd) return;
  // `const argv = ['-c', line]; spawn('sh', argv, opts)`: arrays and options through a local
  const argsDef = args && definition(args);
  const argArray = argsDef && ts.isArrayLiteralExpression(argsDef) ? argsDef : undefined;
  const options = argArray || (argsDef && !ts.isObjectLiteralExpression(argsDef)) ? opts : args;
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
  if (program === 'git' && argArray) {
    checkGitArgs(call, argArray, ctx);
    return;
  }
  const shell = usesShell(options);
  // low: the program a caller names runs (a wrapper's job; a flaw when input reaches it)
  if (!shell && cmdLevel === 'unknown' && isParameterValue(unwrap(cmd))) {
    ctx.report(call, {
      rule: 'command-injection',
      cwe: 'CWE-78',
      severity: 'low',
      message: `${name}() runs a program named by a caller's argument: whoever controls it chooses what runs.`,
      fix: FIX,
    });
    return;
  }
  if (!shell && !(program !== undefined && shells.test(program) && shellArgs)) return;
  const argsFlow = args ? ctx.flow(args) : cmdFlow;
  const level = levelOf(argsFlow);
  if (level === 'remote' || level === 'local')
    report(ctx, call, level, argsFlow, `${name}() with a shell`);
  else if (shell) reportShellOption(ctx, call, name);
  else if (argArray?.elements.some((e) => isStringBuilding(e)))
    report(ctx, call, 'unknown', argsFlow, `${name}() with a shell`);
  // low: running the command line a caller passes is such a helper's job
  else if (argArray?.elements.some((e) => isParameterValue(unwrap(e))))
    report(ctx, call, 'unknown', argsFlow, `${name}() with a shell`, 'low');
}

/** `spawn(…, { shell: true })`: every argument is re-parsed by a shell, quoting is on the caller. */
function reportShellOption(ctx: RuleContext, call: ts.CallExpression, name: string): void {
  ctx.report(call, {
    rule: 'command-injection',
    cwe: 'CWE-78',
    severity: 'medium',
    message: `${name}() with the shell option runs its command line through a shell: any argument that ever carries input can inject commands.`,
    fix: FIX,
  });
}

const gitNetwork = new Set(['clone', 'fetch', 'pull', 'ls-remote', 'submodule', 'archive']);

/** `spawn('git', ['clone', url])`: a URL or ref from input can be an option (`--upload-pack=…`). */
function checkGitArgs(
  call: ts.CallExpression,
  args: ts.ArrayLiteralExpression,
  ctx: RuleContext,
): void {
  const consts = args.elements.map((e) => ctx.constString(e));
  if (!consts.some((c) => c !== undefined && gitNetwork.has(c))) return;
  const endOfOptions = consts.indexOf('--');
  const open = args.elements.find(
    (e, i) => consts[i] === undefined && (endOfOptions < 0 || i < endOfOptions),
  );
  if (!open) return;
  const flow = ctx.flow(open);
  const level = levelOf(flow);
  if (level === 'none') return;
  ctx.report(call, {
    rule: 'command-injection',
    cwe: 'CWE-88',
    severity: severityFor(level, 'high', 'medium', 'medium'),
    message: `git is given ${level === 'unknown' ? 'a non-constant argument' : sourceText(flow)} that can be read as an option (--upload-pack runs a command).`,
    fix: "Put '--' before URLs and refs from input, and accept only https:// URLs from an allow-list.",
  });
}

/**
 * Deno's and Bun's subprocess APIs: `Deno.run({ cmd: [program, ...args] })`,
 * `new Deno.Command(program, { args })`, `Bun.spawn([program, ...args])` /
 * `Bun.spawn({ cmd })` (and `spawnSync`). No shell is involved unless the program is one.
 */
function runtimeArgv(
  node: ts.CallExpression | ts.NewExpression,
  runtime: string,
  method: string,
): ts.Expression | { program?: ts.Expression; args: readonly ts.Expression[] } | undefined {
  const [first, second] = node.arguments ?? [];
  if (!first) return undefined;
  if (ts.isNewExpression(node)) {
    if (runtime !== 'Deno' || method !== 'Command') return undefined;
    const o = second && definition(second);
    const list = o && ts.isObjectLiteralExpression(o) ? objectProperty(o, 'args') : undefined;
    const l = list && definition(list);
    return { program: first, args: l && ts.isArrayLiteralExpression(l) ? l.elements : [] };
  }
  const bun = runtime === 'Bun' && (method === 'spawn' || method === 'spawnSync');
  if (!bun && !(runtime === 'Deno' && method === 'run')) return undefined;
  const o = definition(first);
  const cmd = ts.isObjectLiteralExpression(o) ? objectProperty(o, 'cmd') : bun ? first : undefined;
  const list = cmd && definition(cmd);
  if (!list || !ts.isArrayLiteralExpression(list)) return list;
  const [program, ...args] = list.elements;
  return { program, args };
}

function checkRuntimeSpawn(node: ts.CallExpression | ts.NewExpression, ctx: RuleContext): void {
  const callee = unwrap(node.expression);
  if (!ts.isPropertyAccessExpression(callee)) return;
  const runtime = callee.expression.getText();
  if (runtime !== 'Deno' && runtime !== 'Bun') return;
  const argv = runtimeArgv(node, runtime, callee.name.text);
  if (!argv) return;
  const what = ts.isNewExpression(node)
    ? `new ${runtime}.Command()`
    : `${runtime}.${callee.name.text}()`;
  if (!('args' in argv)) {
    // the whole argument vector from a variable: input picks the program
    const flow = ctx.flow(argv);
    const level = levelOf(flow);
    if (level === 'remote' || level === 'local') report(ctx, node, level, flow, what);
    return;
  }
  const { program, args } = argv;
  if (!program) return;
  const progFlow = ctx.flow(program);
  const progLevel = levelOf(progFlow);
  if (progLevel === 'remote' || progLevel === 'local')
    return report(ctx, node, progLevel, progFlow, what);
  const shell = shells.test(ctx.constString(program) ?? '');
  if (!shell || !args.some((a) => /^(-c|\/c|\/C|-Command)$/.test(ctx.constString(a) ?? ''))) return;
  for (const a of args) {
    const flow = ctx.flow(a);
    const level = levelOf(flow);
    if (level === 'none') continue;
    if (level === 'unknown' && !isStringBuilding(a) && !isParameterValue(unwrap(a))) continue;
    return report(ctx, node, level, flow, `${what} with a shell`);
  }
}

export const commandInjectionRule: SecurityRule = {
  id: 'command-injection',
  kinds: [ts.SyntaxKind.CallExpression, ts.SyntaxKind.NewExpression],
  visit(node, ctx) {
    if (ts.isNewExpression(node)) return checkRuntimeSpawn(node, ctx);
    if (!ts.isCallExpression(node)) return;
    checkRuntimeSpawn(node, ctx);
    const name = isChildProcess(ctx, node);
    if (name === undefined) return;
    if (shellCalls.has(name)) checkShell(node, name, ctx);
    else checkSpawn(node, name, ctx);
  },
};
