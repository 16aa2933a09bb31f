// Keeping only the picked resources of an import. A child cannot run without its parent, so a
// resource whose parent is dropped is dropped too (and said so), down the whole tree.
import type { SourceDocument } from '../../host';
import { parentRefs } from './placeholders';
import { resourceList, resourceName } from './resourceDoc';

export interface Dropped {
  resource: string;
  /** The dropped parent that takes it along. */
  parent: string;
}

/** The picked resources' closure: which are kept, and which picked ones go with their parent. */
export function pickClosure(doc: SourceDocument, picked: ReadonlySet<string>): { kept: Set<string>; dropped: Dropped[] } {
  const entries = resourceList(doc);
  const kept = new Set(entries.map(resourceName).filter((n) => picked.has(n)));
  const dropped: Dropped[] = [];
  for (let changed = true; changed; ) {
    changed = false;
    for (const entry of entries) {
      const name = resourceName(entry);
      if (!kept.has(name)) continue;
      const gone = parentRefs(entry).find((p) => !kept.has(p.parent));
      if (gone) {
        kept.delete(name);
        dropped.push({ resource: name, parent: gone.parent });
        changed = true;
      }
    }
  }
  return { kept, dropped };
}

/** The document with only the kept resources (see `pickClosure`). */
export function pickEndpoints(doc: SourceDocument, picked: ReadonlySet<string>): SourceDocument {
  const { kept } = pickClosure(doc, picked);
  return { ...doc, resources: resourceList(doc).filter((r) => kept.has(resourceName(r))) };
}
