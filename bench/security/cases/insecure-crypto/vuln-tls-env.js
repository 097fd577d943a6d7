/* eslint-disable */
process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';
const res = await fetch('https://internal.example.com/api');
