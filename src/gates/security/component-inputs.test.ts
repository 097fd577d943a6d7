import { describe, expect, it } from 'vitest';
import { analyzeSource } from './analyze.js';
import { lines } from './test-support/rule-findings.js';

/** Findings as `rule:line` for one file. */
const found = (code: string, file = 'app.ts'): string[] =>
  analyzeSource(file, code).map((f) => `${f.rule}:${f.line}`);

const component = (field: string, body: string): string =>
  lines(
    "import { Component, ElementRef, Input, Renderer2 } from '@angular/core';",
    "@Component({ selector: 'app-card', template: '<div #host></div>' })",
    'export class CardComponent {',
    `  ${field}`,
    '  constructor(private host: ElementRef, private renderer: Renderer2) {}',
    '  ngOnChanges() {',
    `    ${body}`,
    '  }',
    '}',
  );

describe('Angular component inputs reach DOM sinks', () => {
  it("an @Input() field is the parent's value, not its initializer", () => {
    const body = 'this.host.nativeElement.innerHTML = this.content;';
    expect(found(component("@Input() content = '';", body))).toEqual(['xss:7']);
    expect(found(component("content = '<b>fixed</b>';", body))).toEqual([]);
  });
  it("Renderer2.setProperty(el, 'innerHTML', value) renders HTML", () => {
    const sink = (prop: string): string =>
      `this.renderer.setProperty(this.host.nativeElement, '${prop}', this.content);`;
    expect(found(component("@Input() content = '';", sink('innerHTML')))).toEqual(['xss:7']);
    expect(found(component("@Input() content = '';", sink('textContent')))).toEqual([]);
  });
});
