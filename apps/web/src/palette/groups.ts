import type { DescriptorData } from '@streamloom/engine/protocol';

export interface PaletteGroup {
  category: string;
  entries: DescriptorData[];
}

const TITLES: Record<string, string> = {
  source: 'Sources',
  transform: 'Transform',
  filter: 'Filter',
  aggregate: 'Aggregate',
  window: 'Windows',
  join: 'Join',
  time: 'Time',
  sink: 'Sinks',
};

export function categoryTitle(category: string): string {
  return TITLES[category] ?? category.charAt(0).toUpperCase() + category.slice(1);
}

/**
 * The catalog grouped by category, in the catalog's own order, filtered by a search over the
 * type, label, category and doc (every word must match somewhere).
 */
export function paletteGroups(catalog: readonly DescriptorData[], query: string): PaletteGroup[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  const groups = new Map<string, DescriptorData[]>();
  for (const d of catalog) {
    const hay = `${d.type} ${d.label} ${d.category} ${d.doc}`.toLowerCase();
    if (!words.every((w) => hay.includes(w))) continue;
    let list = groups.get(d.category);
    if (list === undefined) groups.set(d.category, (list = []));
    list.push(d);
  }
  // With a query, the entries whose name matches come first.
  if (words.length > 0) {
    for (const list of groups.values()) {
      list.sort((a, b) => score(b, words) - score(a, words));
    }
  }
  return [...groups].map(([category, entries]) => ({ category, entries }));
}

function score(d: DescriptorData, words: string[]): number {
  const name = `${d.type} ${d.label}`.toLowerCase();
  return words.filter((w) => name.includes(w)).length;
}
