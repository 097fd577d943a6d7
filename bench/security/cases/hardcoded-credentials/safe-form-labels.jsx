/* eslint-disable */
export function LoginForm() {
  const passwordLabel = 'Password';
  const INVALID_PASSWORD = 'The password you entered is incorrect';
  return (
    <input
      type="password"
      name="password"
      placeholder="Enter password"
      aria-label={passwordLabel}
    />
  );
}
