//! Shell words, as bash splits a pasted command line: quotes, `$'...'`, backslashes, line
//! continuations. Parameter expansions are kept as written (`$TOKEN`), and the command ends at an
//! unquoted `|`, `;`, `&` or `>`.

/// Splits a command line into words; the error says what is unbalanced.
pub fn split(text: &str) -> Result<Vec<String>, String> {
    let mut words = Vec::new();
    let mut cur = String::new();
    let mut in_word = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some('\n') => {}
                Some('\r') if chars.peek() == Some(&'\n') => {
                    chars.next();
                }
                Some(n) => {
                    cur.push(n);
                    in_word = true;
                }
                None => {}
            },
            '\'' => {
                in_word = true;
                loop {
                    match chars.next() {
                        Some('\'') => break,
                        Some(x) => cur.push(x),
                        None => return Err("unterminated single quote".into()),
                    }
                }
            }
            '"' => {
                in_word = true;
                loop {
                    match chars.next() {
                        Some('"') => break,
                        Some('\\') => match chars.next() {
                            Some(x @ ('"' | '\\' | '$' | '`')) => cur.push(x),
                            Some('\n') => {}
                            Some(x) => {
                                cur.push('\\');
                                cur.push(x);
                            }
                            None => return Err("unterminated double quote".into()),
                        },
                        Some(x) => cur.push(x),
                        None => return Err("unterminated double quote".into()),
                    }
                }
            }
            '$' if chars.peek() == Some(&'\'') => {
                chars.next();
                in_word = true;
                ansi_c(&mut chars, &mut cur)?;
            }
            '|' | ';' | '&' | '>' | '<' => break,
            '#' if !in_word => {
                for x in chars.by_ref() {
                    if x == '\n' {
                        break;
                    }
                }
            }
            c if c.is_whitespace() => {
                if in_word {
                    words.push(std::mem::take(&mut cur));
                    in_word = false;
                }
            }
            c => {
                cur.push(c);
                in_word = true;
            }
        }
    }
    if in_word {
        words.push(cur);
    }
    Ok(words)
}

/// The body of `$'...'`: C escapes.
fn ansi_c(
    chars: &mut std::iter::Peekable<std::str::Chars<'_>>,
    cur: &mut String,
) -> Result<(), String> {
    loop {
        match chars.next() {
            Some('\'') => return Ok(()),
            Some('\\') => match chars.next() {
                Some('n') => cur.push('\n'),
                Some('t') => cur.push('\t'),
                Some('r') => cur.push('\r'),
                Some('0') => cur.push('\0'),
                Some('e' | 'E') => cur.push('\x1b'),
                Some(x @ ('u' | 'x')) => {
                    let max = if x == 'u' { 4 } else { 2 };
                    let mut hex = String::new();
                    while hex.len() < max && chars.peek().is_some_and(char::is_ascii_hexdigit) {
                        hex.extend(chars.next());
                    }
                    let c = u32::from_str_radix(&hex, 16)
                        .ok()
                        .and_then(char::from_u32)
                        .ok_or_else(|| format!("bad \\{x} escape in $'...'"))?;
                    cur.push(c);
                }
                Some(x) => cur.push(x),
                None => return Err("unterminated $'...'".into()),
            },
            Some(x) => cur.push(x),
            None => return Err("unterminated $'...'".into()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_escapes_and_continuations() {
        let words = split(
            "curl -X POST 'https://x.io/a?b=1&c=2' \\\n  -H \"Authorization: Bearer $TOKEN\" \\\n  --data-raw $'{\"q\":\"it\\'s\"}' -d a\\ b # comment\n",
        )
        .unwrap();
        assert_eq!(
            words,
            vec![
                "curl",
                "-X",
                "POST",
                "https://x.io/a?b=1&c=2",
                "-H",
                "Authorization: Bearer $TOKEN",
                "--data-raw",
                "{\"q\":\"it's\"}",
                "-d",
                "a b",
            ]
        );
        assert_eq!(split("curl x | jq .").unwrap(), vec!["curl", "x"]);
        assert!(split("curl 'x").is_err());
    }
}
