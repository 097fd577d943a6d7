/* eslint-disable */
// @ts-nocheck
// SAFE CWE-79 look-alike: user text is rendered as a React child; dangerouslySetInnerHTML only gets a constant SVG.
import React from 'react';

const CHECK_ICON =
  '<svg viewBox="0 0 16 16" width="16" height="16"><path d="M6 11 2 7l1-1 3 3 7-7 1 1z"/></svg>';

export function TodoItem({ title, done }: { title: string; done: boolean }) {
  return (
    <li className={done ? 'done' : undefined}>
      {done && <span className="icon" dangerouslySetInnerHTML={{ __html: CHECK_ICON }} />}
      <span className="title">{title}</span>
    </li>
  );
}
