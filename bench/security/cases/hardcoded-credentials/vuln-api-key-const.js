/* eslint-disable */
const STRIPE_API_KEY = 'sk_live_51HcXyZabc123def456';
const stripe = require('stripe')(STRIPE_API_KEY);
