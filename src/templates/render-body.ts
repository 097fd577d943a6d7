import Mustache from 'mustache';

/**
 * Renders a logic-less (Mustache) body without HTML escaping: prompts are
 * plain text. Owns its Writer, so parsed bodies are cached per renderer, not
 * in mustache's module-level cache.
 */
export class BodyRenderer {
  readonly #writer = new Mustache.Writer();

  render(body: string, view: Record<string, unknown>): string {
    const text = this.#writer.render(body, view, {}, { escape: (value: unknown) => String(value) });
    return text.trim();
  }
}
