import { describe, expect, it } from 'vitest';
import { lines, ruleFindings } from './test-support/rule-findings.js';

/**
 * AngularJS `$scope` members are a controller's input (the view's bindings write them), so the
 * browser location set from one is reported like a component's input: low.
 */
const ctrl = (...body: string[]): string =>
  lines(
    "angular.module('app').controller('nav', function ($scope, $window) {",
    '  $scope.leave = function () {',
    ...body,
    '  };',
    '});',
  );

describe('open redirect from an AngularJS $scope value', () => {
  it('reports $window.location set from $scope, directly or through a copy', () => {
    expect(ruleFindings('open-redirect', ctrl('    $window.location.href = $scope.next;'))).toEqual(
      ['3:low'],
    );
    const copied = ctrl(
      '    target = $scope.target;',
      "    $window.location.href = target + '/done';",
    );
    // the copy on the line just above is part of the finding, which starts there (ADR 0045)
    expect(ruleFindings('open-redirect', copied)).toEqual(['3:low']);
    const declared = ctrl('    const t = $scope.target;', '    $window.open(t);');
    expect(ruleFindings('open-redirect', declared)).toEqual(['3:low']);
  });

  it('does not report a fixed path, a fixed host or a value that is not from $scope', () => {
    const code = ctrl(
      "    $window.location.href = '/pages/' + $scope.page;",
      "    $window.location.href = 'https://app.example.com/' + $scope.page;",
      "    target = '/home';",
      '    $window.location.href = target;',
      '    $window.location.href = $window.name === "x" ? "/a" : "/b";',
    );
    expect(ruleFindings('open-redirect', code)).toEqual([]);
  });
});

describe('jqLite/jQuery insertion of an AngularJS $scope value', () => {
  it('reports append/prepend/after/replaceWith of a $scope member: view-model data, not an element', () => {
    const code = lines(
      "angular.module('app').controller('c', function ($scope) {",
      "  const box = angular.element(document.getElementById('box'));",
      '  box.append($scope.comment);',
      "  $('#list').prepend($scope.item);",
      '  const note = $scope.note;',
      '  box.after(note);',
      '});',
    );
    expect(ruleFindings('xss', code).map((f) => f.split(':')[0])).toEqual(['3', '4', '5']);
  });

  it('does not report a $-named jQuery object or an element', () => {
    const code = lines(
      "angular.module('app').controller('c', function ($scope) {",
      "  const box = angular.element(document.getElementById('box'));",
      "  const $row = $('<li>');",
      '  box.append($row);',
      "  box.append(document.createElement('hr'));",
      '});',
    );
    expect(ruleFindings('xss', code)).toEqual([]);
  });
});

describe('angular-translate translation tables', () => {
  const config = (table: string): string =>
    lines(
      "angular.module('app').config(function ($translateProvider, $scope) {",
      `  $translateProvider.translations('en', ${table});`,
      '});',
    );
  it('reports a table from the URL or from $scope, not a constant one', () => {
    expect(ruleFindings('xss', config('{ TITLE: decodeURIComponent(location.hash) }'))).toEqual([
      '2:high',
    ]);
    expect(ruleFindings('xss', config('$scope.labels'))).toEqual(['2:medium']);
    expect(ruleFindings('xss', config("{ TITLE: 'Hello <b>{{name}}</b>' }"))).toEqual([]);
  });
});
