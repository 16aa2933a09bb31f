// Parser of the jq subset (precedence as in jq: pipe < comma < update < // < or < and <
// comparison < + - < * / % < postfix).
import { JqError, lex, type Token } from './lexer';

export type Node =
  | { k: 'identity' }
  | { k: 'recurse' }
  | { k: 'lit'; v: unknown }
  | { k: 'field'; target: Node; name: string; opt?: boolean }
  | { k: 'index'; target: Node; index: Node }
  | { k: 'iter'; target: Node }
  | { k: 'pipe'; a: Node; b: Node }
  | { k: 'comma'; a: Node; b: Node }
  | { k: 'bin'; op: string; a: Node; b: Node }
  | { k: 'neg'; e: Node }
  | { k: 'array'; e: Node | null }
  | { k: 'object'; entries: { key: Node; value: Node }[] }
  | { k: 'var'; name: string }
  | { k: 'as'; src: Node; name: string; body: Node }
  | { k: 'call'; name: string; args: Node[] }
  | { k: 'if'; cond: Node; then: Node; else: Node }
  | { k: 'update'; op: string; path: Node; rhs: Node }
  | { k: 'try'; e: Node };

export function parse(src: string): Node {
  const toks = lex(src);
  let p = 0;
  const peek = (): Token => toks[p];
  const isOp = (v: string) => peek().t === 'op' && (peek() as { v: string }).v === v;
  const isIdent = (v: string) => peek().t === 'ident' && (peek() as { v: string }).v === v;
  const expect = (v: string) => {
    if (!isOp(v) && !isIdent(v)) throw new JqError(`expected '${v}'`);
    p++;
  };

  function pipe(): Node {
    const left = comma();
    if (isIdent('as')) {
      p++;
      const v = peek();
      if (v.t !== 'var') throw new JqError('expected $name after as');
      p++;
      expect('|');
      return { k: 'as', src: left, name: v.v, body: pipe() };
    }
    if (isOp('|')) {
      p++;
      return { k: 'pipe', a: left, b: pipe() };
    }
    return left;
  }
  function comma(): Node {
    let a = update();
    while (isOp(',')) {
      p++;
      a = { k: 'comma', a, b: update() };
    }
    return a;
  }
  function update(): Node {
    const a = alt();
    for (const op of ['|=', '=', '+=', '-=']) {
      if (isOp(op)) {
        p++;
        return { k: 'update', op, path: a, rhs: alt() };
      }
    }
    return a;
  }
  function alt(): Node {
    let a = or();
    while (isOp('//')) {
      p++;
      a = { k: 'bin', op: '//', a, b: or() };
    }
    return a;
  }
  function or(): Node {
    let a = and();
    while (isIdent('or')) {
      p++;
      a = { k: 'bin', op: 'or', a, b: and() };
    }
    return a;
  }
  function and(): Node {
    let a = cmp();
    while (isIdent('and')) {
      p++;
      a = { k: 'bin', op: 'and', a, b: cmp() };
    }
    return a;
  }
  function cmp(): Node {
    const a = add();
    for (const op of ['==', '!=', '<=', '>=', '<', '>']) {
      if (isOp(op)) {
        p++;
        return { k: 'bin', op, a, b: add() };
      }
    }
    return a;
  }
  function add(): Node {
    let a = mul();
    while (isOp('+') || isOp('-')) {
      const op = (toks[p++] as { v: string }).v;
      a = { k: 'bin', op, a, b: mul() };
    }
    return a;
  }
  function mul(): Node {
    let a = postfix();
    while (isOp('*') || isOp('/') || isOp('%')) {
      const op = (toks[p++] as { v: string }).v;
      a = { k: 'bin', op, a, b: postfix() };
    }
    return a;
  }
  function postfix(): Node {
    let e = primary();
    for (;;) {
      const t = peek();
      if (t.t === 'field') {
        p++;
        e = { k: 'field', target: e, name: t.v };
      } else if (isOp('.') && toks[p + 1]?.t === 'op' && (toks[p + 1] as { v: string }).v === '[') {
        p++;
      } else if (isOp('[')) {
        p++;
        if (isOp(']')) {
          p++;
          e = { k: 'iter', target: e };
        } else {
          const index = pipe();
          expect(']');
          e = { k: 'index', target: e, index };
        }
      } else if (isOp('?')) {
        p++;
        e = { k: 'try', e };
      } else return e;
    }
  }
  function primary(): Node {
    const t = peek();
    p++;
    if (t.t === 'num' || t.t === 'str') return { k: 'lit', v: t.v };
    if (t.t === 'field') return { k: 'field', target: { k: 'identity' }, name: t.v };
    if (t.t === 'var') return { k: 'var', name: t.v };
    if (t.t === 'op') {
      if (t.v === '.') return { k: 'identity' };
      if (t.v === '..') return { k: 'recurse' };
      if (t.v === '-') return { k: 'neg', e: postfix() };
      if (t.v === '(') {
        const e = pipe();
        expect(')');
        return e;
      }
      if (t.v === '[') {
        if (isOp(']')) {
          p++;
          return { k: 'array', e: null };
        }
        const e = pipe();
        expect(']');
        return { k: 'array', e };
      }
      if (t.v === '{') return object();
    }
    if (t.t === 'ident') {
      if (t.v === 'true' || t.v === 'false') return { k: 'lit', v: t.v === 'true' };
      if (t.v === 'null') return { k: 'lit', v: null };
      if (t.v === 'if') {
        const cond = pipe();
        expect('then');
        const then = pipe();
        let els: Node = { k: 'identity' };
        if (isIdent('elif')) throw new JqError('elif is not supported in the browser preview');
        if (isIdent('else')) {
          p++;
          els = pipe();
        }
        expect('end');
        return { k: 'if', cond, then, else: els };
      }
      if (t.v === 'try') return { k: 'try', e: postfix() };
      const args: Node[] = [];
      if (isOp('(')) {
        p++;
        args.push(pipe());
        while (isOp(';')) {
          p++;
          args.push(pipe());
        }
        expect(')');
      }
      return { k: 'call', name: t.v, args };
    }
    throw new JqError(t.t === 'eof' ? 'unexpected end of expression' : `unexpected '${String((t as { v?: unknown }).v ?? '')}'`);
  }
  function object(): Node {
    const entries: { key: Node; value: Node }[] = [];
    while (!isOp('}')) {
      const t = peek();
      p++;
      let key: Node;
      let short: Node | null = null;
      if (t.t === 'ident' || t.t === 'str') {
        key = { k: 'lit', v: t.v };
        short = { k: 'field', target: { k: 'identity' }, name: t.v };
      } else if (t.t === 'var') {
        key = { k: 'lit', v: t.v };
        short = { k: 'var', name: t.v };
      } else if (t.t === 'op' && t.v === '(') {
        key = pipe();
        expect(')');
      } else throw new JqError('bad object key');
      if (isOp(':')) {
        p++;
        entries.push({ key, value: alt() });
      } else if (short) entries.push({ key, value: short });
      else throw new JqError("expected ':'");
      if (isOp(',')) p++;
      else if (!isOp('}')) throw new JqError("expected ',' or '}'");
    }
    p++;
    return { k: 'object', entries };
  }

  const ast = pipe();
  if (peek().t !== 'eof') throw new JqError(`unexpected token at ${p}`);
  return ast;
}
