// A small jq interpreter for the processing-step editor's live sample: enough of jq (paths,
// pipes, select, map, object construction, comparisons, |=, common string and array builtins)
// to show what a step does to one record as you type. It is an approximation in the browser:
// the engine runs steps with jaq, and its verdict (validation, preview) is the one that counts.
import { JqError } from './lexer';
import { parse, type Node } from './parse';

export { JqError } from './lexer';

type Env = Record<string, unknown>;
type Path = (string | number)[];

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const truthy = (v: unknown) => v !== false && v !== null && v !== undefined;

function typeName(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v === 'object' ? 'object' : typeof v;
}

const ORDER = ['null', 'boolean', 'number', 'string', 'array', 'object'];

/** jq's total order of values. */
export function compare(a: unknown, b: unknown): number {
  const ta = ORDER.indexOf(typeName(a));
  const tb = ORDER.indexOf(typeName(b));
  if (ta !== tb) return ta - tb;
  if (typeof a === 'boolean' || typeof a === 'number') return Number(a) - Number(b);
  if (typeof a === 'string') return a < (b as string) ? -1 : a > (b as string) ? 1 : 0;
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.min(a.length, b.length); i++) {
      const c = compare(a[i], b[i]);
      if (c) return c;
    }
    return a.length - b.length;
  }
  return JSON.stringify(a) === JSON.stringify(b) ? 0 : JSON.stringify(a) < JSON.stringify(b) ? -1 : 1;
}

function index(v: unknown, key: unknown): unknown {
  if (v === null || v === undefined) return null;
  if (typeof key === 'string' && isObj(v)) return v[key] ?? null;
  if (typeof key === 'number' && Array.isArray(v)) return v[key < 0 ? v.length + key : key] ?? null;
  throw new JqError(`cannot index ${typeName(v)} with ${typeof key === 'string' ? `"${key}"` : typeName(key)}`);
}

function iterate(v: unknown): unknown[] {
  if (Array.isArray(v)) return v;
  if (isObj(v)) return Object.values(v);
  throw new JqError(`cannot iterate over ${typeName(v)}`);
}

function arith(op: string, a: unknown, b: unknown): unknown {
  if (op === '+') {
    if (a === null) return b;
    if (b === null) return a;
    if (typeof a === 'number' && typeof b === 'number') return a + b;
    if (typeof a === 'string' && typeof b === 'string') return a + b;
    if (Array.isArray(a) && Array.isArray(b)) return [...a, ...b];
    if (isObj(a) && isObj(b)) return { ...a, ...b };
  }
  if (op === '-') {
    if (typeof a === 'number' && typeof b === 'number') return a - b;
    if (Array.isArray(a) && Array.isArray(b)) return a.filter((x) => !b.some((y) => compare(x, y) === 0));
  }
  if (typeof a === 'number' && typeof b === 'number') {
    if (op === '*') return a * b;
    if (op === '/') return a / b;
    if (op === '%') return a % b;
  }
  if (op === '/' && typeof a === 'string' && typeof b === 'string') return a.split(b);
  throw new JqError(`${typeName(a)} and ${typeName(b)} cannot be combined with ${op}`);
}

function getPath(v: unknown, path: Path): unknown {
  return path.reduce<unknown>((cur, k) => index(cur, k), v);
}

function setPath(v: unknown, path: Path, value: unknown): unknown {
  if (path.length === 0) return value;
  const [k, ...rest] = path;
  if (typeof k === 'number') {
    const arr = Array.isArray(v) ? v.slice() : [];
    arr[k] = setPath(arr[k] ?? null, rest, value);
    return arr;
  }
  const obj = isObj(v) ? { ...v } : {};
  obj[k] = setPath(obj[k] ?? null, rest, value);
  return obj;
}

function deletePath(v: unknown, path: Path): unknown {
  if (path.length === 0) return null;
  const [k, ...rest] = path;
  if (rest.length === 0) {
    if (Array.isArray(v) && typeof k === 'number') return v.filter((_, i) => i !== k);
    if (isObj(v) && typeof k === 'string') {
      const kept = { ...v };
      delete kept[k];
      return kept;
    }
    return v;
  }
  return setPath(v, [k], deletePath(index(v, k), rest));
}

/** The paths a path expression (`.a.b`, `.items[]`, `.x[0]`, `select(...)`) points to. */
function paths(n: Node, input: unknown, env: Env, at: Path = []): Path[] {
  switch (n.k) {
    case 'identity':
      return [at];
    case 'field':
      return paths(n.target, input, env, at).map((p) => [...p, n.name]);
    case 'index':
      return paths(n.target, input, env, at).flatMap((p) =>
        ev(n.index, input, env).map((i) => [...p, i as string | number]),
      );
    case 'iter':
      return paths(n.target, input, env, at).flatMap((p) => {
        const v = getPath(input, p);
        return Array.isArray(v) ? v.map((_, i) => [...p, i]) : isObj(v) ? Object.keys(v).map((key) => [...p, key]) : [];
      });
    case 'pipe':
      return paths(n.a, input, env, at).flatMap((p) => paths(n.b, input, env, p));
    case 'comma':
      return [...paths(n.a, input, env, at), ...paths(n.b, input, env, at)];
    case 'call':
      if (n.name === 'select' && n.args.length === 1) {
        return ev(n.args[0], getPath(input, at), env).some(truthy) ? [at] : [];
      }
      if (n.name === 'empty') return [];
      break;
    case 'try':
      return paths(n.e, input, env, at);
  }
  throw new JqError('invalid path expression');
}

function ev(n: Node, input: unknown, env: Env): unknown[] {
  switch (n.k) {
    case 'identity':
      return [input];
    case 'recurse': {
      const out: unknown[] = [];
      const walk = (v: unknown) => {
        out.push(v);
        if (Array.isArray(v) || isObj(v)) iterate(v).forEach(walk);
      };
      walk(input);
      return out;
    }
    case 'lit':
      return [n.v];
    case 'field':
      return ev(n.target, input, env).map((v) => index(v, n.name));
    case 'index':
      return ev(n.target, input, env).flatMap((v) => ev(n.index, input, env).map((i) => index(v, i)));
    case 'iter':
      return ev(n.target, input, env).flatMap(iterate);
    case 'pipe':
      return ev(n.a, input, env).flatMap((v) => ev(n.b, v, env));
    case 'comma':
      return [...ev(n.a, input, env), ...ev(n.b, input, env)];
    case 'neg':
      return ev(n.e, input, env).map((v) => arith('-', 0, v));
    case 'array':
      return [n.e ? ev(n.e, input, env) : []];
    case 'object': {
      let objs: Record<string, unknown>[] = [{}];
      for (const { key, value } of n.entries) {
        const keys = ev(key, input, env);
        const values = ev(value, input, env);
        objs = objs.flatMap((o) =>
          keys.flatMap((k) => {
            if (typeof k !== 'string') throw new JqError(`object keys must be strings, not ${typeName(k)}`);
            return values.map((v) => ({ ...o, [k]: v }));
          }),
        );
      }
      return objs;
    }
    case 'var':
      if (!(n.name in env)) throw new JqError(`$${n.name} is not defined`);
      return [env[n.name]];
    case 'as':
      return ev(n.src, input, env).flatMap((v) => ev(n.body, input, { ...env, [n.name]: v }));
    case 'if':
      return ev(n.cond, input, env).flatMap((c) => ev(truthy(c) ? n.then : n.else, input, env));
    case 'try':
      try {
        return ev(n.e, input, env);
      } catch (e) {
        if (e instanceof JqError) return [];
        throw e;
      }
    case 'bin':
      return binary(n.op, n.a, n.b, input, env);
    case 'update': {
      let out = input;
      for (const p of paths(n.path, input, env)) {
        const old = getPath(out, p);
        const rhs = n.op === '|=' ? ev(n.rhs, old, env) : ev(n.rhs, input, env);
        if (rhs.length === 0) {
          out = deletePath(out, p);
          continue;
        }
        const value = n.op === '+=' ? arith('+', old, rhs[0]) : n.op === '-=' ? arith('-', old, rhs[0]) : rhs[0];
        out = setPath(out, p, value);
      }
      return [out];
    }
    case 'call':
      return call(n.name, n.args, input, env);
  }
}

function binary(op: string, a: Node, b: Node, input: unknown, env: Env): unknown[] {
  if (op === 'and' || op === 'or') {
    return ev(a, input, env).flatMap((x) => {
      if (op === 'and' && !truthy(x)) return [false];
      if (op === 'or' && truthy(x)) return [true];
      return ev(b, input, env).map(truthy);
    });
  }
  if (op === '//') {
    let left: unknown[] = [];
    try {
      left = ev(a, input, env).filter(truthy);
    } catch (e) {
      if (!(e instanceof JqError)) throw e;
    }
    return left.length ? left : ev(b, input, env);
  }
  const out: unknown[] = [];
  for (const y of ev(b, input, env)) {
    for (const x of ev(a, input, env)) {
      const c = ['==', '!=', '<', '<=', '>', '>='].includes(op) ? compare(x, y) : 0;
      if (op === '==') out.push(c === 0);
      else if (op === '!=') out.push(c !== 0);
      else if (op === '<') out.push(c < 0);
      else if (op === '<=') out.push(c <= 0);
      else if (op === '>') out.push(c > 0);
      else if (op === '>=') out.push(c >= 0);
      else out.push(arith(op, x, y));
    }
  }
  return out;
}

function str(v: unknown, fn: string): string {
  if (typeof v !== 'string') throw new JqError(`${fn} needs a string, got ${typeName(v)}`);
  return v;
}

function call(name: string, args: Node[], input: unknown, env: Env): unknown[] {
  const arg = (i: number) => ev(args[i], input, env);
  const one = (i: number) => arg(i)[0];
  switch (`${name}/${args.length}`) {
    case 'empty/0':
      return [];
    case 'not/0':
      return [!truthy(input)];
    case 'length/0':
      if (typeof input === 'string' || Array.isArray(input)) return [input.length];
      if (isObj(input)) return [Object.keys(input).length];
      if (typeof input === 'number') return [Math.abs(input)];
      return [0];
    case 'keys/0':
      return [isObj(input) ? Object.keys(input).sort() : iterate(input).map((_, i) => i)];
    case 'has/1':
      return [isObj(input) ? Object.hasOwn(input, String(one(0))) : Array.isArray(input) && Number(one(0)) < input.length];
    case 'select/1':
      return arg(0).some(truthy) ? [input] : [];
    case 'map/1':
      return [iterate(input).flatMap((v) => ev(args[0], v, env))];
    case 'map_values/1':
      return [Object.fromEntries(Object.entries(input as Record<string, unknown>).map(([k, v]) => [k, ev(args[0], v, env)[0]]))];
    case 'with_entries/1': {
      const entries = Object.entries(input as Record<string, unknown>).flatMap(([key, value]) => ev(args[0], { key, value }, env));
      return [Object.fromEntries(entries.map((e) => [String((e as { key: unknown }).key), (e as { value: unknown }).value]))];
    }
    case 'to_entries/0':
      return [Object.entries(input as Record<string, unknown>).map(([key, value]) => ({ key, value }))];
    case 'del/1': {
      const ps = paths(args[0], input, env).sort((x, y) => compare(y, x));
      return [ps.reduce<unknown>((acc, p) => deletePath(acc, p), input)];
    }
    case 'ascii_downcase/0':
      return [str(input, name).toLowerCase()];
    case 'ascii_upcase/0':
      return [str(input, name).toUpperCase()];
    case 'tostring/0':
      return [typeof input === 'string' ? input : JSON.stringify(input)];
    case 'tonumber/0': {
      const n = typeof input === 'number' ? input : Number(input);
      if (Number.isNaN(n)) throw new JqError(`cannot parse '${String(input)}' as a number`);
      return [n];
    }
    case 'tojson/0':
      return [JSON.stringify(input)];
    case 'type/0':
      return [typeName(input)];
    case 'startswith/1':
      return [str(input, name).startsWith(String(one(0)))];
    case 'endswith/1':
      return [str(input, name).endsWith(String(one(0)))];
    case 'ltrimstr/1':
      return [typeof input === 'string' && input.startsWith(String(one(0))) ? input.slice(String(one(0)).length) : input];
    case 'rtrimstr/1':
      return [typeof input === 'string' && input.endsWith(String(one(0))) ? input.slice(0, -String(one(0)).length) : input];
    case 'contains/1':
      return [typeof input === 'string' ? input.includes(String(one(0))) : JSON.stringify(input).includes(JSON.stringify(one(0)).slice(1, -1))];
    case 'test/1':
      return [new RegExp(String(one(0))).test(str(input, name))];
    case 'split/1':
      return [str(input, name).split(String(one(0)))];
    case 'join/1':
      return [iterate(input).map((v) => (v === null ? '' : String(v))).join(String(one(0)))];
    case 'add/0':
      return [iterate(input).reduce<unknown>((acc, v) => arith('+', acc, v), null)];
    case 'first/0':
      return [index(input, 0)];
    case 'last/0':
      return [index(input, -1)];
    case 'first/1':
      return arg(0).slice(0, 1);
    case 'reverse/0':
      return [typeof input === 'string' ? [...input].reverse().join('') : iterate(input).slice().reverse()];
    case 'sort/0':
      return [iterate(input).slice().sort(compare)];
    case 'unique/0':
      return [iterate(input).slice().sort(compare).filter((v, i, a) => i === 0 || compare(a[i - 1], v) !== 0)];
    case 'min/0':
    case 'max/0': {
      const sorted = iterate(input).slice().sort(compare);
      return [(name === 'min' ? sorted[0] : sorted[sorted.length - 1]) ?? null];
    }
    case 'floor/0':
      return [Math.floor(Number(input))];
    case 'values/0':
      return input === null ? [] : [input];
    case 'any/0':
      return [iterate(input).some(truthy)];
    case 'all/0':
      return [iterate(input).every(truthy)];
    case 'todate/0':
      return [new Date(Number(input) * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z')];
    case 'fromdate/0':
      return [Math.floor(Date.parse(str(input, name)) / 1000)];
    case 'now/0':
      return [Date.now() / 1000];
  }
  throw new JqError(`${name}/${args.length} is not available in the browser preview`);
}

export type JqRun = { ok: true; outputs: unknown[] } | { ok: false; error: string };

/** Runs `expr` on `input`; every output, or why it could not run here. */
export function runJq(expr: string, input: unknown): JqRun {
  try {
    return { ok: true, outputs: ev(parse(expr), input, {}) };
  } catch (e) {
    if (e instanceof JqError) return { ok: false, error: e.message };
    if (e instanceof RangeError || e instanceof SyntaxError) return { ok: false, error: e.message };
    throw e;
  }
}

/** What a processing step does to records, as the engine's apply_steps does it: filter keeps a
 * record when its first output is truthy, map replaces it with its first output (null if
 * none), yield_map with every output. */
export function applyStep(kind: string, expr: string, records: unknown[]): { ok: true; records: unknown[] } | { ok: false; error: string } {
  const out: unknown[] = [];
  for (const r of records) {
    const res = runJq(expr, r);
    if (!res.ok) return res;
    if (kind === 'filter') {
      if (truthy(res.outputs[0])) out.push(r);
    } else if (kind === 'map') {
      out.push(res.outputs.length ? res.outputs[0] : null);
    } else out.push(...res.outputs);
  }
  return { ok: true, records: out };
}
