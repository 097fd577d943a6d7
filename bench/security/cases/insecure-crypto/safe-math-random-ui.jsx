/* eslint-disable */
export function Confetti() {
  const pieces = Array.from({ length: 50 }, (_, i) => ({
    left: Math.random() * 100,
    delay: Math.random() * 2,
    key: i,
  }));
  return pieces.map((p) => <span key={p.key} style={{ left: p.left + '%' }} />);
}
