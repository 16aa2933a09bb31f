//! Placeholder templates: `{resources.<parent>.<field>}`, `{incremental.<value>}`,
//! `{secrets.<NAME>}` and `{param}`, with Python's `{{`/`}}` escapes, as dlt parses them.

/// One piece of a parsed template string.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Segment {
    /// Literal text, escapes already resolved.
    Text(String),
    /// A placeholder; `expr` is the field name without format spec or conversion.
    Placeholder(Placeholder),
}

/// A `{...}` placeholder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placeholder {
    /// The field name, e.g. `resources.posts.id`.
    pub expr: String,
    /// What the field name refers to.
    pub kind: PlaceholderKind,
}

/// The context a placeholder reads from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PlaceholderKind {
    /// `resources.<parent>.<field path>`; `field` is empty when the expression is too short.
    Resource {
        /// The parent resource name.
        parent: String,
        /// JSONPath into the parent record (may be empty when malformed).
        field: String,
    },
    /// `incremental.<attr>`.
    Incremental(String),
    /// `secrets.<NAME>`.
    Secret(String),
    /// A bare name: a path parameter bound from `params`.
    Param(String),
    /// Any other dotted name; the first segment is an unknown context.
    Unknown(String),
}

/// The incremental values a placeholder may name.
pub const INCREMENTAL_VALUES: [&str; 4] =
    ["start_value", "initial_value", "last_value", "end_value"];

/// Parses a template. Errors use Python's wording, which is what dlt users know.
pub fn parse(s: &str) -> Result<Vec<Segment>, String> {
    let mut out = Vec::new();
    let mut text = String::new();
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '{' if chars.peek() == Some(&'{') => {
                chars.next();
                text.push('{');
            }
            '}' if chars.peek() == Some(&'}') => {
                chars.next();
                text.push('}');
            }
            '}' => return Err("single '}' encountered (write '}}' for a literal brace)".into()),
            '{' => {
                let mut field = String::new();
                let mut depth = 1;
                for c in chars.by_ref() {
                    match c {
                        '{' => depth += 1,
                        '}' => {
                            depth -= 1;
                            if depth == 0 {
                                break;
                            }
                        }
                        _ => {}
                    }
                    field.push(c);
                }
                if depth != 0 {
                    return Err("'{' without a closing '}' (write '{{' for a literal brace)".into());
                }
                if !text.is_empty() {
                    out.push(Segment::Text(std::mem::take(&mut text)));
                }
                let expr = field
                    .split([':', '!'])
                    .next()
                    .unwrap_or_default()
                    .trim()
                    .to_string();
                let kind = classify(&expr);
                out.push(Segment::Placeholder(Placeholder { expr, kind }));
            }
            c => text.push(c),
        }
    }
    if !text.is_empty() {
        out.push(Segment::Text(text));
    }
    Ok(out)
}

/// The placeholders of a template, ignoring literal text; a malformed template yields none.
pub fn placeholders(s: &str) -> Vec<Placeholder> {
    parse(s)
        .map(|segs| {
            segs.into_iter()
                .filter_map(|s| match s {
                    Segment::Placeholder(p) => Some(p),
                    Segment::Text(_) => None,
                })
                .collect()
        })
        .unwrap_or_default()
}

fn classify(expr: &str) -> PlaceholderKind {
    let mut parts = expr.splitn(3, '.');
    let head = parts.next().unwrap_or_default();
    let second = parts.next();
    let rest = parts.next();
    match (head, second) {
        (_, None) => PlaceholderKind::Param(expr.to_string()),
        ("resources", Some(parent)) => PlaceholderKind::Resource {
            parent: parent.to_string(),
            field: rest.unwrap_or_default().to_string(),
        },
        ("incremental", Some(attr)) => {
            let attr = match rest {
                Some(r) => format!("{attr}.{r}"),
                None => attr.to_string(),
            };
            PlaceholderKind::Incremental(attr)
        }
        ("secrets", Some(name)) => {
            let name = match rest {
                Some(r) => format!("{name}.{r}"),
                None => name.to_string(),
            };
            PlaceholderKind::Secret(name)
        }
        (other, Some(_)) => PlaceholderKind::Unknown(other.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_and_placeholders() {
        let segs = parse("a/{{x}}/{resources.p.items[0].id}/{id}").unwrap();
        assert_eq!(segs[0], Segment::Text("a/{x}/".into()));
        match &segs[1] {
            Segment::Placeholder(Placeholder {
                kind: PlaceholderKind::Resource { parent, field },
                ..
            }) => {
                assert_eq!(parent, "p");
                assert_eq!(field, "items[0].id");
            }
            other => panic!("unexpected {other:?}"),
        }
        assert_eq!(
            placeholders("{id}")[0].kind,
            PlaceholderKind::Param("id".into())
        );
    }

    #[test]
    fn triple_braces_and_errors() {
        assert_eq!(
            parse("{{{x}}}").unwrap(),
            vec![
                Segment::Text("{".into()),
                Segment::Placeholder(Placeholder {
                    expr: "x".into(),
                    kind: PlaceholderKind::Param("x".into())
                }),
                Segment::Text("}".into())
            ]
        );
        assert!(parse("a}b").is_err());
        assert!(parse("a{b").is_err());
    }

    #[test]
    fn contexts() {
        assert_eq!(
            placeholders("{secrets.token}")[0].kind,
            PlaceholderKind::Secret("token".into())
        );
        assert_eq!(
            placeholders("{incremental.start_value}")[0].kind,
            PlaceholderKind::Incremental("start_value".into())
        );
        assert_eq!(
            placeholders("{foo.bar}")[0].kind,
            PlaceholderKind::Unknown("foo".into())
        );
        assert_eq!(
            placeholders("{resources.posts}")[0].kind,
            PlaceholderKind::Resource {
                parent: "posts".into(),
                field: String::new()
            }
        );
    }
}
