import { InvalidArgumentError, Option } from 'commander';

/** `--format` with a closed set of choices; a wrong value is a usage error (exit 2). */
export function formatOption<F extends string>(choices: readonly F[], fallback: F): Option {
  return new Option('--format <format>', 'output format').choices(choices).default(fallback);
}

/** Parses a positive integer option, or explains what is wrong. */
export function positiveInt(name: string): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n <= 0) {
      throw new InvalidArgumentError(`${name} must be a positive whole number.`);
    }
    return n;
  };
}
