// The CodeMirror set-up of the code view: a plain editor (no history of its own: undo is the
// app's, shared with the forms), the language, and JSON Schema completion and checks.
import { autocompletion, closeBrackets, closeBracketsKeymap, completionKeymap } from '@codemirror/autocomplete';
import { defaultKeymap, indentWithTab } from '@codemirror/commands';
import { json, jsonLanguage, jsonParseLinter } from '@codemirror/lang-json';
import { yaml, yamlLanguage } from '@codemirror/lang-yaml';
import { bracketMatching, foldGutter, HighlightStyle, indentOnInput, syntaxHighlighting } from '@codemirror/language';
import { tags } from '@lezer/highlight';
import { lintGutter, linter } from '@codemirror/lint';
import type { Extension } from '@codemirror/state';
import { drawSelection, EditorView, highlightActiveLine, highlightActiveLineGutter, keymap, lineNumbers } from '@codemirror/view';
import { handleRefresh, jsonCompletion, jsonSchemaLinter, stateExtensions } from 'codemirror-json-schema';
import { yamlCompletion, yamlSchemaLinter } from 'codemirror-json-schema/yaml';
import type { SourceFormat } from '../../host';

type Schema = NonNullable<Parameters<typeof stateExtensions>[0]>;

/** Token colours from CSS variables, so the light and dark themes both apply. */
const highlight = HighlightStyle.define([
  { tag: [tags.propertyName, tags.definition(tags.propertyName)], color: 'var(--syn-key)' },
  { tag: [tags.string, tags.special(tags.string), tags.content], color: 'var(--syn-string)' },
  { tag: [tags.number, tags.bool, tags.null, tags.atom], color: 'var(--syn-literal)' },
  { tag: [tags.comment, tags.lineComment], color: 'var(--muted)', fontStyle: 'italic' },
  { tag: [tags.punctuation, tags.separator, tags.brace, tags.squareBracket], color: 'var(--muted)' },
  { tag: tags.invalid, color: 'var(--bad)' },
]);

export function baseExtensions(): Extension[] {
  return [
    lineNumbers(),
    highlightActiveLineGutter(),
    foldGutter(),
    drawSelection(),
    indentOnInput(),
    bracketMatching(),
    closeBrackets(),
    autocompletion(),
    highlightActiveLine(),
    syntaxHighlighting(highlight),
    lintGutter(),
    keymap.of([...closeBracketsKeymap, ...defaultKeymap, ...completionKeymap, indentWithTab]),
    EditorView.lineWrapping,
  ];
}

export function languageExtensions(format: SourceFormat, schema: Record<string, unknown> | null): Extension[] {
  const s = (schema ?? undefined) as Schema | undefined;
  if (format === 'yaml') {
    return [
      yaml(),
      ...(s
        ? [
            linter(yamlSchemaLinter(), { needsRefresh: handleRefresh }),
            yamlLanguage.data.of({ autocomplete: yamlCompletion() }),
            stateExtensions(s),
          ]
        : []),
    ];
  }
  return [
    json(),
    linter(jsonParseLinter()),
    ...(s
      ? [
          linter(jsonSchemaLinter(), { needsRefresh: handleRefresh }),
          jsonLanguage.data.of({ autocomplete: jsonCompletion() }),
          stateExtensions(s),
        ]
      : []),
  ];
}
