/** Command-line options of the bench scripts: `--name value` pairs after the script. */
const argv = process.argv.slice(2);

/** The value after `name`, `fallback` when the flag is absent. */
export function option(name: string, fallback: string | null): string | null {
  const at = argv.indexOf(name);
  if (at < 0) return fallback;
  const value = argv[at + 1];
  if (value === undefined || value.startsWith('--')) throw new Error(`${name} needs a value`);
  return value;
}

/** A whole number ≥ 1 after `name`, `fallback` when the flag is absent. */
export function wholeNumber(name: string, fallback: number): number {
  const value = Number(option(name, String(fallback)));
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} needs a whole number ≥ 1`);
  return value;
}
