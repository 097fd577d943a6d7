import { statSync } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import type ts from 'typescript';
import type { SourceFile } from './types.js';

/** A TypeScript module: the bundled one, or the project's own install (typecheck-engine.ts). */
export type TsModule = typeof ts;

/** Defaults when the root has no tsconfig.json: strict, modern, no emit (in this TypeScript's enums). */
export function defaultCompilerOptions(ts: TsModule): ts.CompilerOptions {
  return {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler ?? ts.ModuleResolutionKind.NodeJs,
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    esModuleInterop: true,
    resolveJsonModule: true,
    isolatedModules: true,
  };
}

const jsFile = /\.(c|m)?jsx?$/i;

export interface ProjectSettings {
  options: ts.CompilerOptions;
  /** Declaration files the project includes (global augmentations the checked files may rely on). */
  declarationFiles: string[];
  /** Problems reading tsconfig.json. */
  configErrors: readonly ts.Diagnostic[];
  /** mtime of tsconfig.json, or -1 without one: a change rebuilds the project. */
  configStamp: number;
}

function mtimeOf(path: string): number {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return -1;
  }
}

/** mtime of the root's tsconfig.json, or -1 without one. */
export function configStampOf(root: string): number {
  return mtimeOf(join(root, 'tsconfig.json'));
}

/** Reads the root's tsconfig.json (or the strict defaults); call again when its stamp changes. */
export function readProjectSettings(ts: TsModule, root: string): ProjectSettings {
  const configPath = join(root, 'tsconfig.json');
  const configStamp = mtimeOf(configPath);
  if (configStamp < 0) {
    return {
      options: defaultCompilerOptions(ts),
      declarationFiles: [],
      configErrors: [],
      configStamp,
    };
  }
  const read = ts.readConfigFile(configPath, ts.sys.readFile);
  if (read.error) {
    return {
      options: defaultCompilerOptions(ts),
      declarationFiles: [],
      configErrors: [read.error],
      configStamp,
    };
  }
  const parsed = ts.parseJsonConfigFileContent(read.config, ts.sys, root, undefined, configPath);
  const configErrors = parsed.errors.filter((d) => d.code !== 18003); // "no inputs found" is fine here
  const declarationFiles = parsed.fileNames.filter((f) => /\.d\.[cm]?ts$/.test(f));
  return {
    options: { ...parsed.options, noEmit: true },
    declarationFiles,
    configErrors,
    configStamp,
  };
}

interface OverlayEntry {
  content: string;
  version: string;
}

export interface TypecheckProject {
  /** The TypeScript this project is checked with. */
  readonly ts: TsModule;
  readonly settings: ProjectSettings;
  /** Makes these files the in-memory overlay (served before disk) and the program's roots. */
  update(files: readonly SourceFile[]): void;
  readonly service: ts.LanguageService;
  dispose(): void;
}

/**
 * A warm LanguageService for one project root. Root files are the checked files plus
 * the project's declaration files, so a call costs the checked files and what they
 * import, not the whole project. Versions: overlay content bumps a counter; files on
 * disk use their mtime; node_modules and the TypeScript libs are treated as immutable.
 */
export function createTypecheckProject(
  ts: TsModule,
  root: string,
  settings: ProjectSettings,
  confined = true,
): TypecheckProject {
  const overlay = new Map<string, OverlayEntry>();
  let counter = 0;
  let roots: string[] = [...settings.declarationFiles];
  let options = settings.options;
  const libDir = dirname(ts.getDefaultLibFilePath(options));
  const diskVersion = (path: string): string =>
    path.includes('/node_modules/') || path.startsWith(libDir) ? 'lib' : `d${mtimeOf(path)}`;
  const disk = confined ? confinedDisk(ts, [root, libDir], settings.declarationFiles) : ts.sys;
  const snapshots = diskSnapshots(ts, disk);
  const host: ts.LanguageServiceHost = {
    getCompilationSettings: () => options,
    getScriptFileNames: () => roots,
    getScriptVersion: (path) => overlay.get(path)?.version ?? diskVersion(path),
    getScriptSnapshot: (path) => {
      const entry = overlay.get(path);
      if (entry) return ts.ScriptSnapshot.fromString(entry.content);
      return snapshots.get(path, diskVersion(path));
    },
    getCurrentDirectory: () => root,
    getDefaultLibFileName: (opts) => ts.getDefaultLibFilePath(opts),
    fileExists: (path) => overlay.has(path) || disk.fileExists(path),
    readFile: (path, encoding) => overlay.get(path)?.content ?? disk.readFile(path, encoding),
    readDirectory: disk.readDirectory,
    // a directory that holds only in-memory files (generated, not yet written) exists too
    directoryExists: (dir) => disk.directoryExists(dir) || overlayHasDirectory(overlay, dir),
    getDirectories: disk.getDirectories,
    realpath: disk.realpath,
    useCaseSensitiveFileNames: () => ts.sys.useCaseSensitiveFileNames,
  };
  const service = ts.createLanguageService(host, ts.createDocumentRegistry());
  return {
    ts,
    settings,
    service,
    update(files) {
      const previous = new Map(overlay);
      overlay.clear();
      for (const file of files) {
        const old = previous.get(file.path);
        const version = old && old.content === file.content ? old.version : `o${++counter}`;
        overlay.set(file.path, { content: file.content, version });
      }
      const needsJs = files.some((f) => jsFile.test(f.path)) && !settings.options.allowJs;
      options = needsJs ? { ...settings.options, allowJs: true } : settings.options;
      roots = [...new Set([...files.map((f) => f.path), ...settings.declarationFiles])];
    },
    dispose: () => service.dispose(),
  };
}

/**
 * Snapshots of files on disk, kept while their version holds. TypeScript asks the host
 * for a snapshot of every file of every new program before it compares versions, so
 * without this each check re-read the libs and all of `@types/node` from disk (a fifth
 * of the typecheck worker's time on a warm 300-line check).
 */
function diskSnapshots(ts: TsModule, disk: Pick<ts.System, 'readFile'>) {
  const cache = new Map<string, { version: string; snapshot: ts.IScriptSnapshot }>();
  return {
    get(path: string, version: string): ts.IScriptSnapshot | undefined {
      const hit = cache.get(path);
      if (hit && hit.version === version) return hit.snapshot;
      const text = disk.readFile(path);
      if (text === undefined) return undefined; // not remembered: it may appear later
      const snapshot = ts.ScriptSnapshot.fromString(text);
      cache.set(path, { version, snapshot });
      return snapshot;
    },
  };
}

function overlayHasDirectory(overlay: ReadonlyMap<string, unknown>, dir: string): boolean {
  const prefix = dir.endsWith('/') ? dir : `${dir}/`;
  for (const path of overlay.keys()) if (path.startsWith(prefix)) return true;
  return false;
}

type Disk = Pick<
  ts.System,
  'readFile' | 'fileExists' | 'readDirectory' | 'directoryExists' | 'getDirectories' | 'realpath'
>;

/**
 * The disk as untrusted input may see it: only files under `allowed` folders (the project
 * root, TypeScript's libs) and the project's own declaration files. A submitted file that
 * imports `/etc/…` or climbs out with `../..` finds nothing there, so a type error can
 * never print a host file's contents back (issue 9).
 */
export function confinedDisk(
  ts: TsModule,
  allowed: readonly string[],
  extraFiles: readonly string[],
): Disk {
  const folders = allowed.map((dir) => resolve(dir));
  const files = new Set(extraFiles.map((f) => resolve(f)));
  const inside = (path: string): boolean => {
    const full = resolve(path);
    if (files.has(full)) return true;
    if (!folders.some((dir) => full === dir || full.startsWith(dir + sep))) return false;
    const real = ts.sys.realpath?.(full) ?? full;
    return files.has(real) || folders.some((dir) => real === dir || real.startsWith(dir + sep));
  };
  return {
    readFile: (path, encoding) => (inside(path) ? ts.sys.readFile(path, encoding) : undefined),
    fileExists: (path) => inside(path) && ts.sys.fileExists(path),
    directoryExists: (dir) => inside(dir) && ts.sys.directoryExists(dir),
    getDirectories: (dir) => (inside(dir) ? ts.sys.getDirectories(dir) : []),
    readDirectory: (dir, ...rest) => (inside(dir) ? ts.sys.readDirectory(dir, ...rest) : []),
    realpath: (path) => (inside(path) ? (ts.sys.realpath?.(path) ?? path) : path),
  };
}
