/* eslint-disable */
// @ts-nocheck
// VULN CWE-79: stored XSS, user-authored comment HTML is rendered with dangerouslySetInnerHTML unsanitised.
import React, { useEffect, useState } from 'react';

interface Comment {
  id: string;
  author: string;
  body: string;
}

export function CommentList({ postId }: { postId: string }) {
  const [comments, setComments] = useState<Comment[]>([]);

  useEffect(() => {
    fetch(`/api/posts/${postId}/comments`)
      .then((r) => r.json())
      .then(setComments);
  }, [postId]);

  return (
    <ul className="comments">
      {comments.map((comment) => (
        <li key={comment.id}>
          <span className="author">{comment.author}</span>
          <div className="body" dangerouslySetInnerHTML={{ __html: comment.body }} />
        </li>
      ))}
    </ul>
  );
}
