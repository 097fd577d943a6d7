/* eslint-disable */
window.addEventListener('message', (event) => {
  if (event.origin !== 'https://app.example.com') return;
  const p = document.createElement('p');
  p.textContent = event.data.text;
  document.body.appendChild(p);
});
