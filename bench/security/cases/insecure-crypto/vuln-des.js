/* eslint-disable */
const crypto = require('crypto');
const cipher = crypto.createCipheriv('des-cbc', key, iv);
