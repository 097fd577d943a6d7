/* eslint-disable */
// @ts-nocheck
// VULN CWE-79: chat client inserts message fields from the websocket into the DOM with insertAdjacentHTML.
const socket = new WebSocket(`wss://${location.host}/chat`);
const list = document.querySelector('#messages');

socket.addEventListener('message', (event) => {
  const msg = JSON.parse(event.data);
  const time = new Date(msg.sentAt).toLocaleTimeString();
  list.insertAdjacentHTML(
    'beforeend',
    `<li class="msg"><b>${msg.author}</b> <time>${time}</time><p>${msg.text}</p></li>`,
  );
  list.scrollTop = list.scrollHeight;
});
