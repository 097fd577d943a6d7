/* eslint-disable */
// @ts-nocheck
// SAFE CWE-79 look-alike: innerHTML only receives static markup; chat fields are set via textContent.
const socket = new WebSocket(`wss://${location.host}/chat`);
const list = document.querySelector('#messages');

function clearMessages() {
  list.innerHTML = '';
}

socket.addEventListener('message', (event) => {
  const msg = JSON.parse(event.data);
  const li = document.createElement('li');
  li.className = 'msg';
  li.innerHTML = '<b class="author"></b> <p class="text"></p>';
  li.querySelector('.author').textContent = msg.author;
  li.querySelector('.text').textContent = msg.text;
  list.appendChild(li);
});

document.querySelector('#clear').addEventListener('click', clearMessages);
