//! Python expressions over tokens: the literal subset a dlt config is written in (strings with
//! implicit and `+` concatenation, numbers, `True`/`False`/`None`, dicts, lists, tuples), names,
//! attribute chains, subscripts and calls. Anything else (lambdas, comprehensions, conditionals,
//! arithmetic) is kept as `Opaque` source text so the importer can say what it could not read.

use super::pytoken::{Tok, Token};

/// A parsed expression.
#[derive(Debug, Clone, PartialEq)]
pub enum Expr {
    /// A string (adjacent literals already joined).
    Str(String),
    /// A number as written.
    Num(String),
    /// `True` / `False`.
    Bool(bool),
    /// `None`.
    None,
    /// `{k: v, ...}`.
    Dict(Vec<(Expr, Expr)>),
    /// `[...]` or `(..., ...)`.
    List(Vec<Expr>),
    /// A name or dotted attribute chain: `dlt.secrets.value`.
    Name(String),
    /// `base[index]`.
    Subscript(Box<Expr>, Box<Expr>),
    /// `func(args, key=value)`.
    Call {
        /// The callee.
        func: Box<Expr>,
        /// Positional arguments.
        args: Vec<Expr>,
        /// Keyword arguments.
        kwargs: Vec<(String, Expr)>,
    },
    /// `a + b`.
    Add(Box<Expr>, Box<Expr>),
    /// `-x`.
    Neg(Box<Expr>),
    /// Something outside the subset, as its source text.
    Opaque(String),
}

/// A parser over a token slice of one source text.
pub struct Parser<'a> {
    src: &'a str,
    toks: &'a [Token],
    /// The next token.
    pub pos: usize,
}

/// Where an expression ends: these close it at bracket depth 0.
fn is_stop(t: &Tok, stop_colon: bool) -> bool {
    match t {
        Tok::Newline => true,
        Tok::Op(o) => matches!(o.as_str(), "," | ")" | "]" | "}" | "=") || (stop_colon && o == ":"),
        _ => false,
    }
}

impl<'a> Parser<'a> {
    /// A parser starting at token `pos`.
    pub fn new(src: &'a str, toks: &'a [Token], pos: usize) -> Parser<'a> {
        Parser { src, toks, pos }
    }

    fn peek(&self) -> Option<&'a Tok> {
        self.toks.get(self.pos).map(|t| &t.tok)
    }

    fn is_op(&self, op: &str) -> bool {
        matches!(self.peek(), Some(Tok::Op(o)) if o == op)
    }

    fn eat_op(&mut self, op: &str) -> bool {
        let yes = self.is_op(op);
        if yes {
            self.pos += 1;
        }
        yes
    }

    /// One expression. `in_key` makes a `:` end it (dict keys).
    pub fn expr(&mut self, in_key: bool) -> Expr {
        let start = self.pos;
        let mut e = self.term();
        while !matches!(e, Expr::Opaque(_)) && self.eat_op("+") {
            let rhs = self.term();
            e = Expr::Add(Box::new(e), Box::new(rhs));
        }
        let done = self.peek().is_none_or(|t| is_stop(t, in_key));
        if done && !matches!(e, Expr::Opaque(_)) {
            return e;
        }
        self.pos = start;
        self.skip_to_end(in_key);
        Expr::Opaque(self.text(start, self.pos))
    }

    /// Moves past the rest of an expression: to the next stop token at depth 0.
    fn skip_to_end(&mut self, in_key: bool) {
        let mut depth = 0usize;
        let mut lambda = 0usize;
        while let Some(t) = self.peek() {
            match t {
                Tok::Op(o) if matches!(o.as_str(), "(" | "[" | "{") => depth += 1,
                Tok::Op(o) if matches!(o.as_str(), ")" | "]" | "}") => {
                    if depth == 0 {
                        return;
                    }
                    depth -= 1;
                }
                Tok::Name(n) if n == "lambda" && depth == 0 => lambda += 1,
                Tok::Op(o) if o == ":" && depth == 0 && lambda > 0 => lambda -= 1,
                Tok::Op(o) if o == "=" && depth == 0 => {
                    // `==` is its own token; a lone `=` ends a keyword argument's value.
                    return;
                }
                t if depth == 0 && is_stop(t, in_key) => return,
                _ => {}
            }
            self.pos += 1;
        }
    }

    fn text(&self, from: usize, to: usize) -> String {
        match (
            self.toks.get(from),
            to.checked_sub(1).and_then(|i| self.toks.get(i)),
        ) {
            (Some(a), Some(b)) if to > from => self.src[a.start..b.end].to_string(),
            _ => String::new(),
        }
    }

    fn term(&mut self) -> Expr {
        if self.eat_op("-") {
            return match self.term() {
                e @ Expr::Num(_) => Expr::Neg(Box::new(e)),
                _ => Expr::Opaque(String::new()),
            };
        }
        let mut e = self.atom();
        loop {
            if matches!(e, Expr::Opaque(_)) {
                return e;
            }
            if self.eat_op(".") {
                match (self.peek(), &e) {
                    (Some(Tok::Name(n)), Expr::Name(base)) => {
                        e = Expr::Name(format!("{base}.{n}"));
                        self.pos += 1;
                    }
                    _ => return Expr::Opaque(String::new()),
                }
            } else if self.eat_op("(") {
                e = self.call(e);
            } else if self.eat_op("[") {
                let index = self.expr(false);
                if !self.eat_op("]") {
                    return Expr::Opaque(String::new());
                }
                e = Expr::Subscript(Box::new(e), Box::new(index));
            } else {
                return e;
            }
        }
    }

    fn atom(&mut self) -> Expr {
        let Some(t) = self.peek() else {
            return Expr::Opaque(String::new());
        };
        match t {
            Tok::Str { .. } => self.strings(),
            Tok::Num(n) => {
                self.pos += 1;
                Expr::Num(n.clone())
            }
            Tok::Name(n) => {
                self.pos += 1;
                match n.as_str() {
                    "True" => Expr::Bool(true),
                    "False" => Expr::Bool(false),
                    "None" => Expr::None,
                    "lambda" | "not" | "await" | "yield" => Expr::Opaque(String::new()),
                    _ => Expr::Name(n.clone()),
                }
            }
            Tok::Op(o) => match o.as_str() {
                "{" => {
                    self.pos += 1;
                    self.dict()
                }
                "[" => {
                    self.pos += 1;
                    self.sequence("]")
                        .map_or(Expr::Opaque(String::new()), |(v, _)| Expr::List(v))
                }
                "(" => {
                    self.pos += 1;
                    match self.sequence(")") {
                        Some((mut v, trailing_comma)) if v.len() == 1 && !trailing_comma => {
                            v.remove(0)
                        }
                        Some((v, _)) => Expr::List(v),
                        None => Expr::Opaque(String::new()),
                    }
                }
                _ => Expr::Opaque(String::new()),
            },
            Tok::Newline => Expr::Opaque(String::new()),
        }
    }

    /// Adjacent string literals, joined. f-strings with fields and bytes are opaque.
    fn strings(&mut self) -> Expr {
        let mut out = String::new();
        while let Some(Tok::Str {
            value,
            fstring,
            bytes,
        }) = self.peek()
        {
            if *bytes || (*fstring && value.replace("{{", "").contains('{')) {
                return Expr::Opaque(String::new());
            }
            if *fstring {
                out.push_str(&value.replace("{{", "{").replace("}}", "}"));
            } else {
                out.push_str(value);
            }
            self.pos += 1;
        }
        Expr::Str(out)
    }

    /// Items up to `close`; `None` when an item is not an expression we can delimit.
    fn sequence(&mut self, close: &str) -> Option<(Vec<Expr>, bool)> {
        let mut items = Vec::new();
        let mut trailing = false;
        loop {
            if self.eat_op(close) {
                return Some((items, trailing));
            }
            if self.is_op("*") || self.is_op("**") {
                return None;
            }
            let from = self.pos;
            items.push(self.expr(false));
            if self.comprehension(from) {
                return None;
            }
            trailing = self.eat_op(",");
            if !trailing && !self.is_op(close) {
                return None;
            }
        }
    }

    /// True when the tokens from `from` to here have a `for` outside brackets: the item was the
    /// head of a comprehension.
    fn comprehension(&self, from: usize) -> bool {
        let mut depth = 0i32;
        self.toks[from..self.pos].iter().any(|t| match &t.tok {
            Tok::Op(o) if matches!(o.as_str(), "(" | "[" | "{") => {
                depth += 1;
                false
            }
            Tok::Op(o) if matches!(o.as_str(), ")" | "]" | "}") => {
                depth -= 1;
                false
            }
            Tok::Name(n) => depth == 0 && n == "for",
            _ => false,
        })
    }

    fn dict(&mut self) -> Expr {
        let mut items = Vec::new();
        loop {
            if self.eat_op("}") {
                return Expr::Dict(items);
            }
            if self.is_op("**") {
                return Expr::Opaque(String::new());
            }
            let key = self.expr(true);
            if !self.eat_op(":") {
                return Expr::Opaque(String::new());
            }
            let from = self.pos;
            let value = self.expr(false);
            if self.comprehension(from) {
                return Expr::Opaque(String::new());
            }
            items.push((key, value));
            if !self.eat_op(",") && !self.is_op("}") {
                return Expr::Opaque(String::new());
            }
        }
    }

    fn call(&mut self, func: Expr) -> Expr {
        let mut args = Vec::new();
        let mut kwargs = Vec::new();
        loop {
            if self.eat_op(")") {
                return Expr::Call {
                    func: Box::new(func),
                    args,
                    kwargs,
                };
            }
            let keyword = match (self.peek(), self.toks.get(self.pos + 1).map(|t| &t.tok)) {
                (Some(Tok::Name(n)), Some(Tok::Op(o))) if o == "=" => Some(n.clone()),
                _ => None,
            };
            if let Some(k) = keyword {
                self.pos += 2;
                kwargs.push((k, self.expr(false)));
            } else if self.is_op("*") || self.is_op("**") {
                return Expr::Opaque(String::new());
            } else {
                args.push(self.expr(false));
            }
            if !self.eat_op(",") && !self.is_op(")") {
                return Expr::Opaque(String::new());
            }
        }
    }
}

#[cfg(test)]
#[path = "pyparse_tests.rs"]
mod tests;
