// The engine's problems (the same messages as the CLI) underlined in the code view: each
// problem's config path is looked up in the text (YAML's parser reads JSON too, with
// positions), falling back to its closest enclosing key.
import { linter, type Diagnostic } from '@codemirror/lint';
import type { Extension, Text } from '@codemirror/state';
import { isMap, isScalar, isSeq, parseDocument, type Node } from 'yaml';
import type { Problem } from '../../host';
import { parsePath } from '../sources/docPath';

export interface Span {
  from: number;
  to: number;
}

type Doc = ReturnType<typeof parseDocument>;

/** Where the value at `path` is written (with its key), or its closest parent. */
export function locate(doc: Doc, path: string): Span {
  let node: unknown = doc.contents;
  let span: Span = { from: 0, to: 0 };
  for (const key of parsePath(path)) {
    if (isMap(node)) {
      const pair = node.items.find((p) => (isScalar(p.key) ? String(p.key.value) : String(p.key)) === String(key));
      if (!pair) break;
      const k = pair.key as Node | null;
      const v = pair.value as Node | null;
      const from = k?.range?.[0] ?? v?.range?.[0];
      const to = v?.range?.[1] ?? k?.range?.[1];
      if (from === undefined || to === undefined) break;
      span = { from, to };
      node = v;
    } else if (isSeq(node) && typeof key === 'number') {
      const item = node.items[key] as Node | undefined;
      if (!item?.range) break;
      span = { from: item.range[0], to: item.range[1] };
      node = item;
    } else break;
  }
  return span;
}

export function engineDiagnostics(text: string, problems: Problem[]): Diagnostic[] {
  if (problems.length === 0) return [];
  const doc = parseDocument(text);
  return problems.map((p) => {
    const span = locate(doc, p.path);
    // Trailing whitespace of block values is not part of the mark.
    const to = Math.max(span.from, span.from + text.slice(span.from, span.to).trimEnd().length);
    return { from: span.from, to, severity: p.severity, source: 'pipewright', message: `${p.path}: ${p.message}` };
  });
}

/** A linter over `problems()`; call forceLinting when they change. */
export function engineLinter(problems: () => Problem[]): Extension {
  return linter((view) => engineDiagnostics(textOf(view.state.doc), problems()), { delay: 100 });
}

function textOf(doc: Text): string {
  return doc.toString();
}
