/* eslint-disable */
// @ts-nocheck
// SAFE CWE-79 look-alike: comment HTML is sanitised with DOMPurify before dangerouslySetInnerHTML.
import DOMPurify from 'dompurify';
import React, { useMemo } from 'react';

interface Props {
  author: string;
  body: string;
}

export function CommentItem({ author, body }: Props) {
  const clean = useMemo(
    () => DOMPurify.sanitize(body, { ALLOWED_TAGS: ['b', 'i', 'em', 'strong', 'a', 'p', 'br'] }),
    [body],
  );
  return (
    <li>
      <span className="author">{author}</span>
      <div className="body" dangerouslySetInnerHTML={{ __html: clean }} />
    </li>
  );
}
