import React, { useMemo, useState } from 'react';
import { LAYER_MIME, type PaletteEntry } from './model';

interface Props {
  entries: PaletteEntry[];
  onAdd: (type: string) => void;
}

/** Every layer kind, grouped by category, filtered by the search box; drag an item onto the canvas (or click it). */
export function Palette({ entries, onAdd }: Props) {
  const [query, setQuery] = useState('');
  const groups = useMemo(() => {
    const q = query.trim().toLowerCase();
    const byCategory = new Map<string, { label: string; items: PaletteEntry[] }>();
    for (const e of entries) {
      if (q && !e.type.toLowerCase().includes(q) && !e.description.toLowerCase().includes(q)) {
        continue;
      }
      const group = byCategory.get(e.category) ?? { label: e.categoryLabel, items: [] };
      group.items.push(e);
      byCategory.set(e.category, group);
    }
    return [...byCategory.entries()];
  }, [entries, query]);

  return (
    <aside className="nw-palette" aria-label="Layer palette">
      <input
        className="nw-palette-search"
        type="search"
        placeholder="Search layers…"
        aria-label="Search layers"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
      />
      <div className="nw-palette-groups">
        {groups.length === 0 && <p className="nw-palette-empty">No layer matches “{query}”.</p>}
        {groups.map(([category, group]) => (
          <section key={category} className="nw-palette-group" data-category={category}>
            <h4>{group.label}</h4>
            {group.items.map((item) => (
              <div
                key={item.type}
                className={`nw-palette-item cat-${item.category}`}
                data-layer-type={item.type}
                draggable
                role="button"
                tabIndex={0}
                title={`${item.description}\nDrag onto the canvas, or click to add.`}
                onDragStart={(e) => {
                  e.dataTransfer.setData(LAYER_MIME, item.type);
                  e.dataTransfer.setData('text/plain', item.type);
                  e.dataTransfer.effectAllowed = 'copy';
                }}
                onClick={() => onAdd(item.type)}
                onKeyDown={(e) => {
                  if (e.key === 'Enter') onAdd(item.type);
                }}
              >
                <span className="nw-palette-type">{item.type}</span>
                <span className="nw-palette-desc">{item.description}</span>
              </div>
            ))}
          </section>
        ))}
      </div>
    </aside>
  );
}
