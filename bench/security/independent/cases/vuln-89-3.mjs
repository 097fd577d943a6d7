/* eslint-disable */
// @ts-nocheck
// VULN CWE-89: better-sqlite3 prepare() is used, but the search term is interpolated into the SQL text.
import Database from 'better-sqlite3';
import express from 'express';

const db = new Database('notes.db');
const app = express();

function searchNotes(term) {
  return db.prepare(`SELECT id, title FROM notes WHERE title LIKE '%${term}%' ORDER BY id`).all();
}

app.get('/notes/search', (req, res) => {
  const q = req.query.q ?? '';
  res.json(searchNotes(q));
});

app.listen(3000);
