/* eslint-disable */
// @ts-nocheck
// VULN CWE-798: SMTP credentials for the transactional mail account are written in the transport config.
const nodemailer = require('nodemailer');

const transporter = nodemailer.createTransport({
  host: 'smtp.sendgrid.net',
  port: 587,
  auth: {
    user: 'apikey',
    pass: 'SG.x7Kd92LmQp3vRt8Yw1Zb.Nc4Hf6Jg0Ks5Ua2Ve9Xo7Ti3Rl1Pm8Wq6Ez4Dy2Bn',
  },
});

async function sendWelcome(to, name) {
  await transporter.sendMail({
    from: 'Acme <no-reply@acme.io>',
    to,
    subject: 'Welcome to Acme',
    text: `Hi ${name}, thanks for signing up!`,
  });
}

module.exports = { sendWelcome };
