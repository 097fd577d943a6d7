import { describe, expect, it } from 'vitest';
import { lines, ruleFindings } from './test-support/rule-findings.js';

/** AngularJS expressions compiled from input (angular-expressions.ts). */

const controller = (...body: string[]): string =>
  lines(
    "angular.module('app').controller('Calc', function ($scope, $parse, $interpolate, $location) {",
    '  const expr = $location.search().expr;',
    ...body,
    '});',
  );

describe('code injection: Angular expressions from input', () => {
  it('$parse, $interpolate and a scope’s $eval/$evalAsync/$apply/$watch of URL input', () => {
    const code = controller(
      '  $scope.result = $scope.$eval(expr);',
      '  const getter = $parse(expr);',
      '  const text = $interpolate(expr)($scope);',
      '  $scope.$evalAsync(expr);',
      '  $scope.$apply(expr);',
      '  $scope.$watch(expr, () => {});',
    );
    expect(ruleFindings('code-injection', code)).toEqual([
      '2:high', // from `expr`, set on the line just above (ADR 0045)
      '4:high',
      '5:high',
      '6:high',
      '7:high',
      '8:high',
    ]);
  });

  it('the angular-expressions package compiling request input on the server', () => {
    const code = lines(
      "const expressions = require('angular-expressions');",
      "require('express')().get('/calc', (req, res) => res.json(expressions.compile(req.query.e)({})));",
    );
    expect(ruleFindings('code-injection', code)).toEqual(['2:high']);
  });

  it('constant expressions, functions and directive attributes (written by the template author) stay quiet', () => {
    const code = lines(
      controller(
        "  $scope.total = $scope.$eval('price * qty');",
        '  $scope.$apply(() => { $scope.ready = true; });',
        "  $scope.$watch('expr', () => {});",
      ),
      "angular.module('app').directive('onEnter', function ($parse) {",
      '  return { link(scope, el, attrs) { scope.$eval(attrs.onEnter); $parse(attrs.ngModel); } };',
      '});',
    );
    expect(ruleFindings('code-injection', code)).toEqual([]);
  });
});
