import { describe, expect, it } from 'vitest';
import { analyzeSource } from './analyze.js';

/** Input that reaches Electron's main process from web content (electron-sources.ts). */

const found = (...code: string[]): string[] =>
  analyzeSource('main.js', code.join('\n')).map((f) => `${f.line}:${f.rule}`);

const head = "const { app, shell, BrowserWindow } = require('electron');";

describe('Electron sources', () => {
  it("a deep link (app 'open-url') and the second instance's command line", () => {
    const unsafe = found(
      head,
      "app.on('open-url', (event, url) => BrowserWindow.getFocusedWindow().loadURL(url));",
      "app.on('second-instance', (event, argv) => shell.openExternal(argv[argv.length - 1]));",
    );
    expect(unsafe).toEqual(['2:code-injection', '3:command-injection']);
    const safe = found(head, "app.on('ready', (event, info) => shell.openExternal(info.url));");
    expect(safe).toEqual([]);
  });

  it('URLs a page asks to open or navigate to', () => {
    const code = found(
      head,
      "app.on('web-contents-created', (e, contents) => {",
      '  contents.setWindowOpenHandler(({ url }) => {',
      '    shell.openExternal(url);',
      "    return { action: 'deny' };",
      '  });',
      "  contents.on('will-navigate', (event, url) => shell.openExternal(url));",
      '});',
    );
    expect(code).toEqual(['4:command-injection', '7:command-injection']);
  });

  it('openExternal after a scheme check is not reported', () => {
    const code = found(
      head,
      "app.on('web-contents-created', (e, contents) => {",
      '  contents.setWindowOpenHandler(({ url }) => {',
      "    if (url.startsWith('https://')) shell.openExternal(url);",
      "    return { action: 'deny' };",
      '  });',
      "  contents.on('will-navigate', (event, url) => {",
      "    if (new URL(url).protocol !== 'https:') return;",
      '    event.preventDefault();',
      '    shell.openExternal(url);',
      '  });',
      "  contents.on('will-redirect', (event, target) => {",
      '    if (!/^https?:\\/\\//.test(target)) return;',
      '    shell.openExternal(target);',
      '  });',
      '});',
    );
    expect(code).toEqual([]);
  });
});
