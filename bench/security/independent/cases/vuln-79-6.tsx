/* eslint-disable */
// @ts-nocheck
// VULN CWE-79: markdown from user posts is converted with marked (no sanitising) and injected as HTML.
import { marked } from 'marked';
import type { GetServerSideProps } from 'next';
import { getPostBySlug } from '../../lib/posts';

interface Props {
  title: string;
  html: string;
}

export const getServerSideProps: GetServerSideProps<Props> = async ({ params }) => {
  const post = await getPostBySlug(String(params?.slug));
  if (!post) return { notFound: true };
  return { props: { title: post.title, html: await marked.parse(post.content) } };
};

export default function PostPage({ title, html }: Props) {
  return (
    <article>
      <h1>{title}</h1>
      <div className="prose" dangerouslySetInnerHTML={{ __html: html }} />
    </article>
  );
}
