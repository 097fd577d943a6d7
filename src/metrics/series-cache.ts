/**
 * Pre-bound label sets: the first observation of a label combination binds the
 * metric's child once (`labels(...)`); later ones are one Map lookup on a joined
 * key. Past `maxSeries` combinations, new ones share an `_other` series so a
 * stray label value (an arbitrary pass-through model name) cannot blow up
 * memory or the scrape.
 */
export const OVERFLOW_LABEL = '_other';

export interface SeriesCache<C> {
  get(...values: string[]): C;
}

export function seriesCache<C>(
  bind: (...values: string[]) => C,
  maxSeries: number,
): SeriesCache<C> {
  const children = new Map<string, C>();
  let overflow: C | undefined;
  return {
    get(...values) {
      const key = values.join('\u0000');
      const hit = children.get(key);
      if (hit !== undefined) return hit;
      if (children.size >= maxSeries) {
        overflow ??= bind(...values.map(() => OVERFLOW_LABEL));
        return overflow;
      }
      const child = bind(...values);
      children.set(key, child);
      return child;
    },
  };
}
