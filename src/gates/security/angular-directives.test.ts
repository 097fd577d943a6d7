import { describe, expect, it } from 'vitest';
import { lines, ruleFindings } from './test-support/rule-findings.js';

/**
 * An AngularJS directive's linking function gets its scope, its jqLite-wrapped element and its
 * attributes, whatever the parameters are called: markup from scope or attribute values put into
 * the element (or compiled as a template) is reported like `$scope` values in a controller.
 */
describe('AngularJS directive linking functions', () => {
  it('reports element.html/append of scope or attribute values and $compile of a $scope template', () => {
    const code = lines(
      "angular.module('app').directive('note', function ($compile) {",
      '  return {',
      '    link: function (s, el, attrs) {',
      '      el.html(s.note.body);',
      '      el.append(attrs.footer);',
      '      $compile(s.template)(s);',
      '    },',
      '  };',
      '});',
      "angular.module('app').directive('bio', () => ({",
      '  link(scope, element) {',
      '    element.prepend(scope.bio);',
      '  },',
      '}));',
    );
    expect(ruleFindings('xss', code).map((f) => f.split(':')[0])).toEqual(['4', '5', '6', '12']);
  });

  it('does not report text, elements, constants, or a post: handler outside AngularJS', () => {
    const code = lines(
      "angular.module('app').directive('note', function () {",
      '  return {',
      '    link(scope, element) {',
      '      element.text(scope.note);',
      "      element.append(angular.element('<hr>'));",
      "      element.html('<b>new</b>');",
      '    },',
      '  };',
      '});',
    );
    expect(ruleFindings('xss', code)).toEqual([]);
    const express = lines(
      'const routes = {',
      '  post: function (req, res) {',
      "    res.append('Warning', req.query.note);",
      '  },',
      '};',
    );
    expect(ruleFindings('xss', express)).toEqual([]);
  });
});
