/* eslint-disable */
// @ts-nocheck
import _ from 'lodash';
export function updatePrefs(req, res) {
  const prefs = _.merge({}, defaults, req.body);
  res.json(prefs);
}
