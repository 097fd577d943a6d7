/* eslint-disable */
// @ts-nocheck
import _ from 'lodash';
export function setTheme(req, res) {
  _.set(config, 'ui.theme', String(req.body.theme));
  res.json(config.ui);
}
