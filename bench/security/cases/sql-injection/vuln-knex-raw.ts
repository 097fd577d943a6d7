/* eslint-disable */
// @ts-nocheck
import knex from './db';
export const search = async (ctx) => {
  const term = ctx.query.term;
  ctx.body = await knex.raw(`select * from posts where title like '%${term}%'`);
};
