// The JSON/YAML view: the same document as the forms, as text. Typing writes the document
// whenever the text parses (one undo step per burst of typing); edits elsewhere (forms, undo)
// are carried into the text, keeping YAML comments and layout.
import { useEffect, useRef, useState } from 'react';
import { Annotation, EditorState } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { forceLinting } from '@codemirror/lint';
import { useHost, type Host } from '../../host';
import { useSource } from '../sources/state';
import { useProblems } from '../problems/ProblemsProvider';
import { useGoToProblem } from '../problems/ProblemsPanel';
import { parseSource, textFor } from './documentText';
import { baseExtensions, languageExtensions } from './extensions';
import { engineLinter } from './engineLint';
import { useTextBase } from './textBase';

/** Marks changes the app makes, so they are not read back as typing. */
const external = Annotation.define<boolean>();

const schemas = new WeakMap<Host, Promise<Record<string, unknown> | null>>();
function schemaOf(host: Host): Promise<Record<string, unknown> | null> {
  let p = schemas.get(host);
  if (!p) {
    p = Promise.resolve()
      .then(() => host.schema())
      .catch(() => null);
    schemas.set(host, p);
  }
  return p;
}

export default function CodeView() {
  const host = useHost();
  const { file, document, edit } = useSource();
  const bases = useTextBase();
  const { problems } = useProblems();
  const goTo = useGoToProblem();
  const parent = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const [schema, setSchema] = useState<Record<string, unknown> | null | undefined>(undefined);
  const [syntax, setSyntax] = useState<{ message: string; line: number | null } | null>(null);
  // Latest values for the editor's listener, which lives as long as the editor.
  const latest = useRef({ file, document, edit, bases, problems });
  useEffect(() => {
    latest.current = { file, document, edit, bases, problems };
  });

  useEffect(() => {
    let live = true;
    schemaOf(host).then((s) => live && setSchema(s));
    return () => {
      live = false;
    };
  }, [host]);

  const format = file?.format ?? 'json';

  // One editor per file and format (the schema arrives once, shortly after opening).
  useEffect(() => {
    if (!parent.current || !file || schema === undefined) return;
    const initial = textFor(file.format, bases.get(file), latest.current.document ?? file.document);
    const v = new EditorView({
      parent: parent.current,
      state: EditorState.create({
        doc: initial,
        extensions: [
          baseExtensions(),
          languageExtensions(file.format, schema),
          engineLinter(() => latest.current.problems),
          EditorView.updateListener.of((u) => {
            if (!u.docChanged || u.transactions.some((t) => t.annotation(external))) return;
            const text = u.state.doc.toString();
            const parsed = parseSource(text, file.format);
            if (!parsed.ok) {
              setSyntax({ message: parsed.message, line: parsed.line });
              return;
            }
            setSyntax(null);
            const { file: f, edit: e, bases: b } = latest.current;
            if (!f) return;
            b.set(f, { text, doc: parsed.doc });
            e(parsed.doc, { coalesce: 'code-view' });
          }),
        ],
      }),
    });
    view.current = v;
    return () => {
      v.destroy();
      view.current = null;
    };
  }, [file, schema, bases]);

  // Edits from elsewhere (forms, undo, redo): carry them into the text.
  useEffect(() => {
    const v = view.current;
    if (!v || !file || !document) return;
    const base = bases.get(file);
    if (base.doc === document && v.state.doc.toString() === base.text) return;
    const text = textFor(file.format, base, document);
    if (text === v.state.doc.toString()) return;
    bases.set(file, { text, doc: document });
    const head = Math.min(v.state.selection.main.head, text.length);
    v.dispatch({
      changes: { from: 0, to: v.state.doc.length, insert: text },
      selection: { anchor: head },
      annotations: external.of(true),
    });
    setSyntax(null);
  }, [document, file, bases]);

  // New problems from the engine: underline them.
  useEffect(() => {
    if (view.current) forceLinting(view.current);
  }, [problems]);

  if (!file) return null;
  return (
    <div className="code-view">
      <div className="code-head">
        <span>
          {format.toUpperCase()} · the same document as the forms{schema ? ' · schema completion (Ctrl+Space)' : ''}
        </span>
        {syntax && (
          <span className="field-problem" role="alert">
            {syntax.line ? `Line ${syntax.line}: ` : ''}
            {syntax.message.split('\n')[0]} — the forms keep the last valid text.
          </span>
        )}
      </div>
      <div ref={parent} className="code-editor" data-testid="code-editor" />
      {problems.length > 0 && (
        <ul className="code-problems">
          {problems.map((p, i) => (
            <li key={i}>
              <button type="button" className={`problem problem-${p.severity}`} onClick={() => goTo(p)}>
                <code className="problem-path">{p.path}</code> <span className="problem-message">{p.message}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
