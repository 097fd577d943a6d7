/* eslint-disable */
// @ts-nocheck
// SAFE CWE-338 look-alike: request ids use crypto.randomUUID; Math.random only shuffles quiz answers on screen.
import { randomUUID } from 'node:crypto';

export function requestIdMiddleware(req, res, next) {
  const id = randomUUID();
  req.id = id;
  res.setHeader('X-Request-Id', id);
  next();
}

export function shuffleAnswers(answers) {
  const copy = [...answers];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy;
}
