/* eslint-disable */
// @ts-nocheck
// SAFE CWE-798 look-alike: "password"-named constants are field names, lengths and messages, not secrets.
export const PASSWORD_FIELD = 'password';
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_RESET_ROUTE = '/auth/password-reset';
export const passwordErrors = {
  tooShort: `Password must be at least ${PASSWORD_MIN_LENGTH} characters`,
  mismatch: 'Passwords do not match',
};

export function validatePasswordForm(form) {
  const password = form[PASSWORD_FIELD] ?? '';
  if (password.length < PASSWORD_MIN_LENGTH) return passwordErrors.tooShort;
  if (password !== form.confirmPassword) return passwordErrors.mismatch;
  return null;
}
