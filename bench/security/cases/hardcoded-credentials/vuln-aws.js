/* eslint-disable */
const AWS = require('aws-sdk');
AWS.config.update({
  accessKeyId: 'AKIAJ3Q5LZ7RVXK2N4PA',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYzq81mQ2k',
});
