/* eslint-disable */
const mongoose = require('mongoose');
mongoose.connect(`mongodb://${process.env.MONGO_USER}:${process.env.MONGO_PASS}@mongo:27017/app`);
