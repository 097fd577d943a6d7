/* eslint-disable */
// @ts-nocheck
// SAFE CWE-94 look-alike: plugins are required from a hard-coded list, not from input.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

const BUILTIN_PLUGINS = ['./plugins/auth', './plugins/cache', './plugins/metrics'] as const;

export class PluginHost {
  private readonly plugins: Array<{ name: string; setup: (host: PluginHost) => void }> = [];

  loadBuiltins(): void {
    for (const modulePath of BUILTIN_PLUGINS) {
      const plugin = require(modulePath);
      plugin.setup(this);
      this.plugins.push(plugin);
    }
  }

  list(): string[] {
    return this.plugins.map((p) => p.name);
  }
}
