/**
 * Loads the recorded-shape fixtures under ./fixtures. They are the templates the
 * fake servers fill in, so every response keeps the real wire shape.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { Step } from './types.js';

const objectSchema = z.record(z.string(), z.unknown());
const errorsSchema = z.record(z.string(), objectSchema);

function fixturePath(name: string): URL {
  return new URL(`./fixtures/${name}`, import.meta.url);
}

export function readFixtureText(name: string): string {
  return readFileSync(fixturePath(name), 'utf8');
}

export function readFixtureObject(name: string): Record<string, unknown> {
  return objectSchema.parse(JSON.parse(readFixtureText(name)));
}

/** Error bodies keyed by status (and `stream` for the in-stream error). */
export function readErrorFixtures(name: string): Record<string, Record<string, unknown>> {
  return errorsSchema.parse(JSON.parse(readFixtureText(name)));
}

/** The JSON payloads of an SSE fixture's `data:` lines, `[DONE]` excluded. */
export function readSseData(name: string): Record<string, unknown>[] {
  return readFixtureText(name)
    .split('\n')
    .filter((line) => line.startsWith('data: ') && line !== 'data: [DONE]')
    .map((line) => objectSchema.parse(JSON.parse(line.slice('data: '.length))));
}

/** A step that replays a recorded fixture verbatim (`.sse` as a stream, else JSON). */
export function replayFixture(name: string, status = 200): Step {
  const contentType = name.endsWith('.sse') ? 'text/event-stream' : 'application/json';
  return { replay: { status, contentType, body: readFixtureText(name) } };
}
