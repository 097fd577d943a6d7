import { describe, expect, it } from 'vitest';
import { analyzeSource } from './analyze.js';

/**
 * Angular's ActivatedRoute carries the URL: an unsafe and a safe use of each way to reach it. The
 * severities say the value is known input (a DOM sink of unknown origin is `medium`, a
 * function's own parameter in a redirect `low`).
 */

const found = (code: string): string[] =>
  analyzeSource('login.component.ts', code).map((f) => `${f.rule}:${f.line}:${f.severity}`);

const component = (fields: string, ctor: string, body: string): string =>
  [
    "import { Component, ElementRef, inject } from '@angular/core';",
    "import { ActivatedRoute, Router } from '@angular/router';",
    "@Component({ selector: 'app-login', template: '' })",
    'export class LoginComponent {',
    fields,
    `  constructor(${ctor}) {}`,
    '  ngOnInit() {',
    body,
    '  }',
    '}',
  ].join('\n');

describe('security gate: Angular ActivatedRoute as a source', () => {
  it('a snapshot query parameter sent to window.location is an open redirect', () => {
    const unsafe = component(
      '',
      'private route: ActivatedRoute',
      "    window.location.href = this.route.snapshot.queryParams['returnUrl'];",
    );
    const safe = component(
      '',
      'private route: ActivatedRoute, private router: Router',
      "    this.router.navigateByUrl('/home');\n    window.location.href = this.route.snapshot.data['home'];",
    );
    expect(found(unsafe)).toContain('open-redirect:8:medium');
    expect(found(safe)).toEqual([]);
  });

  it('a paramMap value emitted to subscribe() and rendered as HTML is XSS', () => {
    const unsafe = component(
      '',
      'private route: ActivatedRoute, private el: ElementRef',
      "    this.route.queryParamMap.subscribe((m) => { this.el.nativeElement.innerHTML = m.get('msg'); });",
    );
    const safe = component(
      '',
      'private route: ActivatedRoute, private el: ElementRef',
      "    this.route.queryParamMap.subscribe((m) => { this.el.nativeElement.textContent = m.get('msg'); });",
    );
    expect(found(unsafe)).toContain('xss:8:high');
    expect(found(safe)).toEqual([]);
  });

  it('a route obtained with inject() and a route parameter of a function', () => {
    const unsafe = component(
      '  private readonly r = inject(ActivatedRoute);',
      '',
      '    document.write(this.r.snapshot.fragment);',
    );
    const safe = component(
      '  private readonly r = inject(ActivatedRoute);',
      '',
      "    document.title = this.r.snapshot.fragment ?? '';",
    );
    expect(found(unsafe)).toContain('xss:8:high');
    expect(found(safe)).toEqual([]);
    const fn =
      "export function go(route: ActivatedRoute) {\n  window.open(route.snapshot.params['u']);\n}";
    expect(found(fn)).toContain('open-redirect:2:medium');
  });
});
