/* eslint-disable */
// @ts-nocheck
// SAFE CWE-89 look-alike: the LIKE pattern is built in JS but bound as a parameter of the prepared statement.
import Database from 'better-sqlite3';
import express from 'express';

const db = new Database('notes.db');
const app = express();
const searchStmt = db.prepare('SELECT id, title FROM notes WHERE title LIKE ? ORDER BY id');

function searchNotes(term) {
  const escaped = String(term).replace(/[%_]/g, (c) => `\\${c}`);
  return searchStmt.all(`%${escaped}%`);
}

app.get('/notes/search', (req, res) => {
  res.json(searchNotes(req.query.q ?? ''));
});

app.listen(3000);
