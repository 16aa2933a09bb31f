// Carrying a document change into YAML text without losing what the text had: comments,
// quoting, flow style and key order survive wherever the values did not change.
import { isMap, isScalar, isSeq, parseDocument, type Document, type Node } from 'yaml';
import { isObject } from '../sources/docPath';

function equal(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a as object);
  const kb = Object.keys(b as object);
  if (ka.length !== kb.length || ka.some((k, i) => k !== kb[i])) return false;
  return ka.every((k) => equal((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

function patchNode(doc: Document, node: unknown, before: unknown, after: unknown): unknown {
  if (equal(before, after) && node !== undefined) return node;
  if (isMap(node) && isObject(before) && isObject(after)) {
    for (const key of Object.keys(before)) if (!(key in after)) node.delete(key);
    for (const [key, value] of Object.entries(after)) {
      if (key in before) node.set(key, patchNode(doc, node.get(key, true), before[key], value));
      else node.set(key, doc.createNode(value));
    }
    const order = Object.keys(after);
    node.items.sort((a, b) => order.indexOf(keyOf(a.key)) - order.indexOf(keyOf(b.key)));
    return node;
  }
  if (isSeq(node) && Array.isArray(before) && Array.isArray(after)) {
    const shared = Math.min(before.length, after.length);
    for (let i = 0; i < shared; i += 1) node.items[i] = patchNode(doc, node.items[i], before[i], after[i]) as Node;
    node.items.splice(after.length);
    for (let i = shared; i < after.length; i += 1) node.items.push(doc.createNode(after[i]));
    return node;
  }
  if (isScalar(node) && (after === null || typeof after !== 'object')) {
    node.value = after;
    return node;
  }
  return doc.createNode(after);
}

// `[id]` stays `[id]` (the library's default pads it to `[ id ]`).
const TO_STRING = { flowCollectionPadding: false } as const;

/** Whether the text indents block sequences under their key (`key:\n  - a`) or not (`key:\n- a`). */
export function indentsSequences(text: string): boolean {
  return !/^( *)[^\s#-][^\n]*:[ \t]*\n\1- /m.test(text);
}

function keyOf(key: unknown): string {
  return isScalar(key) ? String(key.value) : String(key);
}

/** `text` (which holds `before`) changed to hold `after`. */
export function patchYaml(text: string, before: unknown, after: unknown): string {
  const doc: Document = parseDocument(text);
  if (doc.errors.length) return stringifyYaml(after);
  doc.contents = patchNode(doc, doc.contents, before, after) as Node;
  return doc.toString({ ...TO_STRING, indentSeq: indentsSequences(text) });
}

export function stringifyYaml(value: unknown): string {
  const doc: Document = parseDocument('');
  doc.contents = doc.createNode(value);
  return doc.toString(TO_STRING);
}
