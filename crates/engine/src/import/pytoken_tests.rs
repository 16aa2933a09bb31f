use super::*;

fn toks(src: &str) -> Vec<Tok> {
    tokenize(src).unwrap().into_iter().map(|t| t.tok).collect()
}

fn s(v: &str) -> Tok {
    Tok::Str {
        value: v.into(),
        fstring: false,
        bytes: false,
    }
}

#[test]
fn strings_numbers_names_and_lines() {
    let t =
        toks("x = {'a': \"b\\n\\x41\\u00e9\", # note\n  r'\\d': 1_000, 'c': -2.5e-3}\ny=0x1F\n");
    assert_eq!(
        t,
        vec![
            Tok::Name("x".into()),
            Tok::Op("=".into()),
            Tok::Op("{".into()),
            s("a"),
            Tok::Op(":".into()),
            s("b\nAé"),
            Tok::Op(",".into()),
            s("\\d"),
            Tok::Op(":".into()),
            Tok::Num("1_000".into()),
            Tok::Op(",".into()),
            s("c"),
            Tok::Op(":".into()),
            Tok::Op("-".into()),
            Tok::Num("2.5e-3".into()),
            Tok::Op("}".into()),
            Tok::Newline,
            Tok::Name("y".into()),
            Tok::Op("=".into()),
            Tok::Num("0x1F".into()),
            Tok::Newline,
        ]
    );
}

#[test]
fn triple_quotes_prefixes_and_continuations() {
    let t = toks("'''a\n'b'''\nf\"{x}\" b'y' \\\n  u'z'");
    assert_eq!(t[0], s("a\n'b"));
    assert_eq!(t[1], Tok::Newline);
    assert!(matches!(&t[2], Tok::Str { fstring: true, .. }));
    assert!(matches!(&t[3], Tok::Str { bytes: true, .. }));
    assert_eq!(t[4], s("z"));
    let lines: Vec<usize> = tokenize("'''a\nb'''\nx")
        .unwrap()
        .iter()
        .map(|t| t.line)
        .collect();
    assert_eq!(lines, vec![1, 2, 3, 3]);
}

#[test]
fn errors() {
    assert!(tokenize("'abc").is_err());
    assert!(tokenize("'a\nb'").is_err());
    assert!(tokenize("'\\N{DASH}'").is_err());
}
