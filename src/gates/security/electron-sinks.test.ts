import { describe, expect, it } from 'vitest';
import { analyzeSource } from './analyze.js';

/** Electron's privileged sinks (electron-sinks.ts) fed by IPC arguments from a renderer. */

const found = (code: string): string[] =>
  analyzeSource('main.js', code).map((f) => `${f.line}:${f.rule}:${f.severity}`);

describe('Electron sinks', () => {
  it('reports executeJavaScript and openExternal of IPC arguments', () => {
    const code = [
      "const { ipcMain, shell, BrowserWindow } = require('electron');",
      "ipcMain.on('preview', (event, snippet) => {",
      '  BrowserWindow.getFocusedWindow().webContents.executeJavaScript(snippet);',
      '});',
      "ipcMain.handle('open-link', (event, link) => shell.openExternal(link));",
    ].join('\n');
    expect(found(code)).toEqual(['3:code-injection:high', '5:command-injection:high']);
  });

  it('does not report constant script, or links checked against a fixed origin', () => {
    const code = [
      "const { ipcMain, shell, BrowserWindow } = require('electron');",
      "ipcMain.on('title', (event, title) => {",
      "  BrowserWindow.getFocusedWindow().webContents.executeJavaScript('document.title');",
      '});',
      "ipcMain.handle('docs', (event, page) => shell.openExternal('https://docs.example.com/' + encodeURIComponent(page)));",
    ].join('\n');
    expect(found(code)).toEqual([]);
  });

  it('reports loadURL() of a URL from a renderer, in a window or its webContents', () => {
    const code = [
      "const { ipcMain, BrowserWindow } = require('electron');",
      "ipcMain.handle('open', async (event, url) => {",
      '  const win = new BrowserWindow({ width: 800 });',
      '  await win.loadURL(url);',
      '  win.webContents.loadURL(`${url}#top`);',
      '});',
    ].join('\n');
    expect(found(code)).toEqual(['4:code-injection:high', '5:code-injection:high']);
  });

  it("does not report loadURL() of the app's own pages or of a fixed site", () => {
    const code = [
      "const { ipcMain, BrowserWindow } = require('electron');",
      "ipcMain.handle('open', async (event, page) => {",
      '  const win = new BrowserWindow({ width: 800 });',
      "  await win.loadURL('https://help.example.com/' + page);",
      '  await win.loadFile(`pages/index.html`);',
      '  win.loadURL(`file://${__dirname}/index.html`);',
      '});',
    ].join('\n');
    expect(found(code)).toEqual([]);
  });

  it('reports a file protocol serving a path from its request URL, not a confined one', () => {
    const handler = (body: string): string =>
      [
        "const { protocol } = require('electron');",
        "const path = require('path');",
        "protocol.registerFileProtocol('app', (request, callback) => {",
        '  const file = request.url.slice(6);',
        body,
        '});',
      ].join('\n');
    expect(found(handler('  callback({ path: path.normalize(`${__dirname}/${file}`) });'))).toEqual(
      ['4:path-traversal:high'],
    );
    expect(found(handler("  callback({ path: path.join(__dirname, 'index.html') });"))).toEqual([]);
    expect(
      found(handler('  callback({ path: path.join(__dirname, path.basename(file)) });')),
    ).toEqual([]);
  });
});
