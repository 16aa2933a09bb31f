//! A Python tokenizer, enough for reading literals out of a pipeline script: names, numbers,
//! strings (every prefix, triple quotes, escapes), operators, and logical line ends. Comments
//! and line breaks inside brackets are skipped, as Python does.

/// What a token is.
#[derive(Debug, Clone, PartialEq)]
pub enum Tok {
    /// An identifier or keyword.
    Name(String),
    /// A number as written (underscores kept; the parser reads it).
    Num(String),
    /// A string literal, escapes decoded. `f` strings and bytes are flagged.
    Str {
        /// The decoded text.
        value: String,
        /// An f-string.
        fstring: bool,
        /// A bytes literal.
        bytes: bool,
    },
    /// An operator or punctuation: `(`, `**`, `->`, `==`, ...
    Op(String),
    /// The end of a logical line.
    Newline,
}

/// A token and where it is.
#[derive(Debug, Clone, PartialEq)]
pub struct Token {
    /// The token.
    pub tok: Tok,
    /// Byte offset of its first character.
    pub start: usize,
    /// Byte offset after its last character.
    pub end: usize,
    /// 1-based line.
    pub line: usize,
}

/// A tokenizing error with its line.
#[derive(Debug, Clone, PartialEq)]
pub struct TokenError {
    /// 1-based line.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

const OPS3: [&str; 4] = ["**=", "//=", ">>=", "<<="];
const OPS2: [&str; 19] = [
    "**", "//", "->", "==", "!=", "<=", ">=", "<<", ">>", "+=", "-=", "*=", "/=", "%=", "&=", "|=",
    "^=", ":=", "@=",
];

/// Splits Python source into tokens.
pub fn tokenize(src: &str) -> Result<Vec<Token>, TokenError> {
    let b = src.as_bytes();
    let mut out: Vec<Token> = Vec::new();
    let mut i = 0;
    let mut line = 1;
    let mut depth = 0usize;
    while i < b.len() {
        let c = b[i];
        match c {
            b'\n' => {
                if depth == 0 && out.last().is_some_and(|t| t.tok != Tok::Newline) {
                    out.push(tok(Tok::Newline, i, i + 1, line));
                }
                line += 1;
                i += 1;
            }
            b' ' | b'\t' | b'\r' | b'\x0c' => i += 1,
            b'#' => {
                while i < b.len() && b[i] != b'\n' {
                    i += 1;
                }
            }
            b'\\' if b.get(i + 1) == Some(&b'\n') => {
                line += 1;
                i += 2;
            }
            b'\\' if b.get(i + 1) == Some(&b'\r') && b.get(i + 2) == Some(&b'\n') => {
                line += 1;
                i += 3;
            }
            b'0'..=b'9' => {
                let start = i;
                i = number_end(b, i);
                out.push(tok(Tok::Num(src[start..i].to_string()), start, i, line));
            }
            b'.' if b.get(i + 1).is_some_and(u8::is_ascii_digit) => {
                let start = i;
                i = number_end(b, i);
                out.push(tok(Tok::Num(src[start..i].to_string()), start, i, line));
            }
            b'"' | b'\'' => {
                let (t, end, lines) = string(src, i, i, "").map_err(|mut e| {
                    e.line = line;
                    e
                })?;
                out.push(tok(t, i, end, line));
                line += lines;
                i = end;
            }
            c if c.is_ascii_alphabetic() || c == b'_' || c >= 0x80 => {
                let start = i;
                while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'_' || b[i] >= 0x80)
                {
                    i += 1;
                }
                let word = &src[start..i];
                let is_prefix = word.len() <= 2
                    && word
                        .chars()
                        .all(|c| matches!(c.to_ascii_lowercase(), 'r' | 'b' | 'u' | 'f'));
                if is_prefix && matches!(b.get(i), Some(b'"' | b'\'')) {
                    let (t, end, lines) = string(src, start, i, &word.to_ascii_lowercase())
                        .map_err(|mut e| {
                            e.line = line;
                            e
                        })?;
                    out.push(tok(t, start, end, line));
                    line += lines;
                    i = end;
                } else {
                    out.push(tok(Tok::Name(word.to_string()), start, i, line));
                }
            }
            _ => {
                let rest = &src[i..];
                let op = OPS3
                    .iter()
                    .chain(OPS2.iter())
                    .find(|o| rest.starts_with(**o))
                    .map(|o| o.to_string())
                    .unwrap_or_else(|| (c as char).to_string());
                match op.as_str() {
                    "(" | "[" | "{" => depth += 1,
                    ")" | "]" | "}" => depth = depth.saturating_sub(1),
                    _ => {}
                }
                let end = i + op.len();
                out.push(tok(Tok::Op(op), i, end, line));
                i = end;
            }
        }
    }
    if out.last().is_some_and(|t| t.tok != Tok::Newline) {
        out.push(tok(Tok::Newline, src.len(), src.len(), line));
    }
    Ok(out)
}

fn tok(tok: Tok, start: usize, end: usize, line: usize) -> Token {
    Token {
        tok,
        start,
        end,
        line,
    }
}

fn number_end(b: &[u8], start: usize) -> usize {
    let hex = b.get(start) == Some(&b'0') && matches!(b.get(start + 1), Some(b'x' | b'X'));
    let mut i = start;
    while i < b.len() {
        let c = b[i];
        let exp_sign =
            !hex && matches!(c, b'+' | b'-') && i > start && matches!(b[i - 1], b'e' | b'E');
        if c.is_ascii_alphanumeric() || c == b'_' || c == b'.' || exp_sign {
            i += 1;
        } else {
            break;
        }
    }
    i
}

/// Reads a string literal whose quote starts at `q` (prefix from `start`). Returns the token,
/// the end offset and the number of line breaks inside.
fn string(
    src: &str,
    start: usize,
    q: usize,
    prefix: &str,
) -> Result<(Tok, usize, usize), TokenError> {
    let b = src.as_bytes();
    let quote = b[q];
    let triple = b.get(q + 1) == Some(&quote) && b.get(q + 2) == Some(&quote);
    let open = if triple { 3 } else { 1 };
    let raw = prefix.contains('r');
    let mut i = q + open;
    let body_start = i;
    let mut lines = 0;
    loop {
        let Some(&c) = b.get(i) else {
            return Err(TokenError {
                line: 0,
                message: format!("unterminated string starting at byte {start}"),
            });
        };
        if c == b'\\' {
            if b.get(i + 1) == Some(&b'\n') {
                lines += 1;
            }
            i += 2;
            continue;
        }
        if c == b'\n' {
            if !triple {
                return Err(TokenError {
                    line: 0,
                    message: "line break inside a string (use a triple-quoted string)".into(),
                });
            }
            lines += 1;
        }
        if c == quote && (!triple || (b.get(i + 1) == Some(&quote) && b.get(i + 2) == Some(&quote)))
        {
            break;
        }
        i += 1;
    }
    let body = &src[body_start..i];
    let value = if raw {
        body.to_string()
    } else {
        unescape(body).map_err(|message| TokenError { line: 0, message })?
    };
    let t = Tok::Str {
        value,
        fstring: prefix.contains('f'),
        bytes: prefix.contains('b'),
    };
    Ok((t, i + open, lines))
}

/// Decodes Python escapes: `\\ \' \" \n \t \r \a \b \f \v`, octal, `\x`, `\u`, `\U`, and a
/// backslash before a line break; an unknown escape keeps its backslash, as in Python.
fn unescape(body: &str) -> Result<String, String> {
    let mut out = String::with_capacity(body.len());
    let mut chars = body.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        let Some(e) = chars.next() else {
            out.push('\\');
            break;
        };
        match e {
            '\n' => {}
            '\\' | '\'' | '"' => out.push(e),
            'n' => out.push('\n'),
            't' => out.push('\t'),
            'r' => out.push('\r'),
            'a' => out.push('\x07'),
            'b' => out.push('\x08'),
            'f' => out.push('\x0c'),
            'v' => out.push('\x0b'),
            '0'..='7' => {
                let mut code = e.to_digit(8).unwrap_or(0);
                for _ in 0..2 {
                    match chars.peek().and_then(|c| c.to_digit(8)) {
                        Some(d) => {
                            code = code * 8 + d;
                            chars.next();
                        }
                        None => break,
                    }
                }
                out.push(char::from_u32(code).ok_or("bad octal escape")?);
            }
            'x' | 'u' | 'U' => {
                let n = match e {
                    'x' => 2,
                    'u' => 4,
                    _ => 8,
                };
                let hex: String = (0..n).filter_map(|_| chars.next()).collect();
                let code = u32::from_str_radix(&hex, 16)
                    .ok()
                    .filter(|_| hex.len() == n)
                    .ok_or_else(|| format!("bad \\{e} escape"))?;
                out.push(char::from_u32(code).ok_or_else(|| format!("bad \\{e} escape"))?);
            }
            'N' => return Err("\\N{...} escapes are not supported; write the character".into()),
            other => {
                out.push('\\');
                out.push(other);
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
#[path = "pytoken_tests.rs"]
mod tests;
