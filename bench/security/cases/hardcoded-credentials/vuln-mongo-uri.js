/* eslint-disable */
const mongoose = require('mongoose');
mongoose.connect('mongodb://appuser:Pa55w0rd@mongo.internal:27017/app');
