// include_from_parent: which fields of the parent record are copied into each child record.
// Chosen among the parent's fields (from its last preview, else the fields the child's
// placeholders already use); any other name can still be typed.
import type { Binder } from '../binder';
import { usePreviewTrace, recordFields } from '../previewHints';
import { ListField } from './ListField';

export function includeChoices(previewed: string[], referenced: string[]): string[] {
  return [...new Set([...referenced, 'id', ...previewed])];
}

export function IncludeFromParent({ binder, parent, referenced }: {
  binder: Binder;
  /** The nearest parent, or null for a top-level resource. */
  parent: string | null;
  /** Parent fields the child's placeholders use. */
  referenced: string[];
}) {
  const rel = ['include_from_parent'];
  const trace = usePreviewTrace(parent);
  const raw = binder.get(rel);
  const chosen = Array.isArray(raw) ? raw.map(String) : typeof raw === 'string' ? [raw] : [];
  const choices = parent ? includeChoices(recordFields(trace?.records ?? []), referenced) : [];
  const toggle = (field: string, on: boolean) => {
    const next = on ? [...chosen, field] : chosen.filter((f) => f !== field);
    binder.set(rel, next.length ? next : undefined);
  };
  return (
    <div className="include-from-parent">
      <ListField
        binder={binder}
        rel={rel}
        label="Include from parent"
        alwaysList
        docs="includeFromParent"
        hint={parent ? `Fields of ${parent} copied into each record as _${parent}_<field>` : 'Only for a child resource (one with a parent placeholder).'}
      />
      {choices.length > 0 && (
        <div className="chips" role="group" aria-label={`Fields of ${parent}`}>
          {choices.map((f) => (
            <label key={f} className="chip">
              <input type="checkbox" checked={chosen.includes(f)} onChange={(e) => toggle(f, e.target.checked)} /> {f}
            </label>
          ))}
          {!trace && <span className="muted small">Preview {parent} to choose among all its fields.</span>}
        </div>
      )}
    </div>
  );
}
