// The text of the open document in its own format: the text as last read or typed when the
// document is still that one, else that text carried to the new document (YAML keeps its
// comments and layout; JSON is printed with two-space indents as the engine writes it).
import { parse as parseYamlText } from 'yaml';
import type { SourceDocument, SourceFormat } from '../../host';
import { isObject } from '../sources/docPath';
import { patchYaml, stringifyYaml } from './yamlPatch';

export interface TextBase {
  text: string;
  doc: SourceDocument;
}

export function printJson(doc: SourceDocument): string {
  return `${JSON.stringify(doc, null, 2)}\n`;
}

export function print(doc: SourceDocument, format: SourceFormat): string {
  return format === 'yaml' ? stringifyYaml(doc) : printJson(doc);
}

export function textFor(format: SourceFormat, base: TextBase, doc: SourceDocument): string {
  if (base.doc === doc) return base.text;
  return format === 'yaml' ? patchYaml(base.text, base.doc, doc) : printJson(doc);
}

export type Parsed = { ok: true; doc: SourceDocument } | { ok: false; message: string; line: number | null };

export function parseSource(text: string, format: SourceFormat): Parsed {
  try {
    const value: unknown = format === 'yaml' ? parseYamlText(text) : JSON.parse(text);
    if (!isObject(value)) return { ok: false, message: 'The source must be an object with client and resources.', line: null };
    return { ok: true, doc: value };
  } catch (e) {
    const err = e as { message?: string; linePos?: { line: number }[] };
    const line = err.linePos?.[0]?.line ?? jsonLine(text, err.message ?? '');
    return { ok: false, message: err.message ?? String(e), line };
  }
}

function jsonLine(text: string, message: string): number | null {
  const pos = /position (\d+)/.exec(message);
  if (pos) return text.slice(0, Number(pos[1])).split('\n').length;
  const line = /line (\d+)/.exec(message);
  return line ? Number(line[1]) : null;
}
