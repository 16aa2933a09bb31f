// Starting points for a new source. Each opens unsaved; saving asks where to put it.
// The documents are the files in examples/templates/ (imported as text, not copied), so the
// app offers exactly what `pipewright validate` checks in the Rust tests.
import type { SourceDocument, SourceFile, SourceFormat } from '../../host';
import { print } from '../editor/documentText';
import blankText from '../../../../examples/templates/blank.json?raw';
import githubText from '../../../../examples/templates/github.json?raw';
import pokeapiText from '../../../../examples/templates/pokeapi.json?raw';

export interface Template {
  id: string;
  title: string;
  description: string;
  /** Suggested source name (file stem). */
  name: string;
  format: SourceFormat;
  /** The file's text as written (the JSON view starts from it). */
  text: string;
  document: SourceDocument;
}

function template(id: string, title: string, description: string, name: string, text: string): Template {
  return { id, title, description, name, format: 'json', text, document: JSON.parse(text) as SourceDocument };
}

export const TEMPLATES: readonly Template[] = [
  template('blank', 'Blank', 'A base URL and one resource.', 'my_source', blankText),
  template(
    'github',
    'GitHub issues and comments',
    'Bearer token, Link-header paging, incremental issues and a child resource with their comments.',
    'github',
    githubText,
  ),
  template(
    'pokeapi',
    'PokeAPI',
    'A public API without a key: json_link paging, records under results, a child per Pokémon.',
    'pokeapi',
    pokeapiText,
  ),
];

/** A new unsaved file (empty path) holding the template. */
export function fileFromTemplate(t: Template): SourceFile {
  return { path: '', name: t.name, format: t.format, document: structuredClone(t.document), text: t.text };
}

/** A new unsaved file holding an imported document. */
export function untitledFile(document: SourceDocument, name: string, format: SourceFormat): SourceFile {
  return { path: '', name, format, document, text: print(document, format) };
}
