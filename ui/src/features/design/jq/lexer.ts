// Tokens of the jq subset the step editor can run in the browser (see miniJq.ts).
export type Token =
  | { t: 'num'; v: number }
  | { t: 'str'; v: string }
  | { t: 'ident'; v: string }
  | { t: 'var'; v: string }
  | { t: 'field'; v: string }
  | { t: 'op'; v: string }
  | { t: 'eof' };

const OPS = ['|=', '+=', '-=', '//', '==', '!=', '<=', '>=', '..', '|', ',', '.', '[', ']', '(', ')', '{', '}', ':', '<', '>', '+', '-', '*', '/', '%', '=', '?', ';'];

export class JqError extends Error {}

export function lex(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (/\s/.test(c)) {
      i++;
    } else if (c === '#') {
      while (i < src.length && src[i] !== '\n') i++;
    } else if (/[0-9]/.test(c)) {
      const m = /^[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?/.exec(src.slice(i)) as RegExpExecArray;
      out.push({ t: 'num', v: Number(m[0]) });
      i += m[0].length;
    } else if (c === '"') {
      let j = i + 1;
      let s = '';
      while (j < src.length && src[j] !== '"') {
        if (src[j] === '\\') {
          const e = src[j + 1];
          if (e === '(') throw new JqError('string interpolation is not supported in the browser preview');
          s += e === 'n' ? '\n' : e === 't' ? '\t' : e;
          j += 2;
        } else s += src[j++];
      }
      if (j >= src.length) throw new JqError('unterminated string');
      out.push({ t: 'str', v: s });
      i = j + 1;
    } else if (c === '$') {
      const m = /^\$([A-Za-z_][A-Za-z0-9_]*)/.exec(src.slice(i));
      if (!m) throw new JqError(`unexpected '$' at ${i}`);
      out.push({ t: 'var', v: m[1] });
      i += m[0].length;
    } else if (c === '.' && /[A-Za-z_"]/.test(src[i + 1] ?? '')) {
      if (src[i + 1] === '"') {
        const end = src.indexOf('"', i + 2);
        if (end < 0) throw new JqError('unterminated string');
        out.push({ t: 'field', v: src.slice(i + 2, end) });
        i = end + 1;
      } else {
        const m = /^\.([A-Za-z_][A-Za-z0-9_]*)/.exec(src.slice(i)) as RegExpExecArray;
        out.push({ t: 'field', v: m[1] });
        i += m[0].length;
      }
    } else if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(i)) as RegExpExecArray;
      out.push({ t: 'ident', v: m[0] });
      i += m[0].length;
    } else {
      const op = OPS.find((o) => src.startsWith(o, i));
      if (!op) throw new JqError(`unexpected '${c}' at ${i}`);
      out.push({ t: 'op', v: op });
      i += op.length;
    }
  }
  out.push({ t: 'eof' });
  return out;
}
