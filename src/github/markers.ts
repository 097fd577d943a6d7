/** Hidden markers shipgate puts in the comments it writes, to find them again. */
export const summaryMarker = '<!-- shipgate:summary -->';

export function fingerprintMarker(fingerprint: string): string {
  return `<!-- shipgate:fp=${fingerprint} -->`;
}

/** Fingerprints named by markers in a comment body. */
export function fingerprintsIn(body: string | null | undefined): string[] {
  if (!body) return [];
  return [...body.matchAll(/<!-- shipgate:fp=([0-9a-f]{8,64}) -->/g)].map((m) => m[1] ?? '');
}

/** `shipgate: ignore <reason>` at the start of a line in a reply: the reason, or null. */
export function ignoreReply(body: string | null | undefined): string | null {
  const match = /^\s*shipgate:\s*ignore\b[ \t:—-]*(.*)$/im.exec(body ?? '');
  if (!match) return null;
  return match[1]?.trim() || 'dismissed in a reply';
}

/** GitHub rejects comment bodies over 65,536 characters. */
export const maxBodyLength = 65_536;

/** Cuts a body to fit, keeping its trailing marker (the part that must survive). */
export function fitBody(body: string, marker: string, limit = maxBodyLength): string {
  const full = `${body}\n\n${marker}`;
  if (full.length <= limit) return full;
  const note = '\n\n… (cut to fit GitHub’s comment size limit)';
  return `${body.slice(0, limit - marker.length - note.length - 2)}${note}\n\n${marker}`;
}
