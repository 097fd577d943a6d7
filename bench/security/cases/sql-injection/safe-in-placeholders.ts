/* eslint-disable */
// @ts-nocheck
export async function byIds(ids: number[]) {
  const placeholders = ids.map((_, i) => '$' + (i + 1)).join(', ');
  return pool.query(`SELECT * FROM items WHERE id IN (${placeholders})`, ids);
}
