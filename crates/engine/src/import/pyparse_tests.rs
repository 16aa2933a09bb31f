use super::super::pytoken::tokenize;
use super::*;

fn parse(src: &str) -> Expr {
    let toks = tokenize(src).unwrap();
    Parser::new(src, &toks, 0).expr(false)
}

fn s(v: &str) -> Expr {
    Expr::Str(v.into())
}

#[test]
fn literals_concatenation_and_secrets() {
    let e = parse("{'a': 'x' 'y', \"b\": [1, -2.5, True, None], 'c': ('t',), 'd': ('p')}");
    assert_eq!(
        e,
        Expr::Dict(vec![
            (s("a"), s("xy")),
            (
                s("b"),
                Expr::List(vec![
                    Expr::Num("1".into()),
                    Expr::Neg(Box::new(Expr::Num("2.5".into()))),
                    Expr::Bool(true),
                    Expr::None
                ])
            ),
            (s("c"), Expr::List(vec![s("t")])),
            (s("d"), s("p")),
        ])
    );
    let e = parse("'Bearer ' + dlt.secrets['tok']");
    assert_eq!(
        e,
        Expr::Add(
            Box::new(s("Bearer ")),
            Box::new(Expr::Subscript(
                Box::new(Expr::Name("dlt.secrets".into())),
                Box::new(s("tok"))
            ))
        )
    );
}

#[test]
fn calls_and_opaque_parts() {
    let src = "{'f': lambda r: r['x'] > 1, 'g': jq_map('.a'), 'h': [x for x in y], 'i': a if b else c, 'j': 1}";
    let Expr::Dict(items) = parse(src) else {
        panic!("not a dict")
    };
    assert_eq!(items[0].1, Expr::Opaque("lambda r: r['x'] > 1".into()));
    assert_eq!(
        items[1].1,
        Expr::Call {
            func: Box::new(Expr::Name("jq_map".into())),
            args: vec![s(".a")],
            kwargs: vec![]
        }
    );
    assert_eq!(items[2].1, Expr::Opaque("[x for x in y]".into()));
    assert_eq!(items[3].1, Expr::Opaque("a if b else c".into()));
    assert_eq!(items[4].1, Expr::Num("1".into()));
    let call = parse("HttpBasicAuth('user', password=dlt.secrets.value)");
    let Expr::Call { args, kwargs, .. } = call else {
        panic!("not a call")
    };
    assert_eq!(args, vec![s("user")]);
    assert_eq!(kwargs[0].1, Expr::Name("dlt.secrets.value".into()));
}

#[test]
fn fstrings_without_fields_are_strings() {
    assert_eq!(parse("f'plain {{x}}'"), s("plain {x}"));
    assert!(matches!(parse("f'{x}'"), Expr::Opaque(_)));
    assert_eq!(parse("'{{x}}'"), s("{{x}}"));
}
