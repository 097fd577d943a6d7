/* eslint-disable */
// @ts-nocheck
export interface Config {
  apiKey: string;
}
export const defaults: Config = { apiKey: '' };
export const TOKEN_STORAGE_KEY = 'auth_token';
