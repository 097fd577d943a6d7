/* eslint-disable */
// @ts-nocheck
// SAFE CWE-601 look-alike: the post-login destination must be one of a fixed set of paths.
const express = require('express');
const passport = require('passport');

const router = express.Router();
const ALLOWED_NEXT = new Set(['/dashboard', '/settings', '/billing', '/projects']);

router.post(
  '/login',
  passport.authenticate('local', { failureRedirect: '/login?error=1' }),
  (req, res) => {
    const requested = String(req.query.next || '');
    res.redirect(ALLOWED_NEXT.has(requested) ? requested : '/dashboard');
  },
);

module.exports = router;
