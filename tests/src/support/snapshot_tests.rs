//! Byte-identity guard for the generated responses: FNV-1a hashes of status, headers (except
//! `date`) and body of many requests, computed with the original `serde_json::Value`-tree
//! implementation before the streaming writer replaced it. The base URL (which contains the
//! port) is replaced by `BASE` before hashing.

use super::paging::encode_cursor;
use super::{MockApi, MockOptions};

fn fnv(h: &mut u64, bytes: &[u8]) {
    for b in bytes {
        *h ^= u64::from(*b);
        *h = h.wrapping_mul(0x0100_0000_01b3);
    }
}

fn requests() -> Vec<(&'static str, String, Option<&'static str>)> {
    let mut r: Vec<(&'static str, String, Option<&'static str>)> = Vec::new();
    let mut get = |u: String| r.push(("GET", u, None));
    for route in [
        "/posts",
        "/page_number/posts",
        "/page_number/nested/posts",
        "/page_number/no_total/posts",
    ] {
        for q in [
            "",
            "?page=2",
            "?per_page=7&page=3",
            "?limit=1000&page=2",
            "?limit=1000&page=3",
            "?per_page=100&page=26",
            "?page=0",
            "?sort=desc&per_page=50&page=2",
            "?since=2024-01-05&until=2024-01-09T12:00:00Z&per_page=100",
            "?since_id=2400&per_page=30",
            "?since=yesterday",
        ] {
            get(format!("{route}{q}"));
        }
    }
    for q in ["", "?page=0", "?page=1&per_page=13", "?limit=1000&page=2"] {
        get(format!("/page_number/zero_based/posts{q}"));
    }
    for route in [
        "/json_link/posts",
        "/json_link/relative/posts",
        "/json_link/query_only/posts",
        "/json_link/odata/posts",
        "/json_link/nested/posts",
        "/header_link/posts",
        "/header_link/relative/posts",
    ] {
        for q in [
            "",
            "?limit=1000",
            "?limit=1000&page=3",
            "?limit=100&page=25",
            "?limit=100&page=26",
            "?x=a+b&limit=9&page=2&y=%C3%A9",
            "?endless=same&limit=5&page=4",
            "?endless=increasing&limit=1000&page=3",
            "?endless=increasing&limit=20&page=60000000",
            "?endless=bogus",
            "?sort=desc&since_id=10&until=1704500000&per_page=11&page=2",
            "?page=0",
        ] {
            get(format!("{route}{q}"));
        }
    }
    for q in [
        String::new(),
        "?limit=1000".into(),
        format!("?limit=300&cursor={}", encode_cursor(2400)),
        format!("?limit=5&cursor={}&endless=same", encode_cursor(17)),
        format!(
            "?limit=7&cursor={}&endless=increasing",
            encode_cursor(9_000_000_000)
        ),
        "?cursor=zzz".into(),
        "?sort=desc&per_page=33".into(),
    ] {
        get(format!("/header_cursor/posts{q}"));
        get(format!("/cursor/posts{q}"));
    }
    for route in [
        "/offset/posts",
        "/offset/no_total/posts",
        "/offset/has_more/posts",
    ] {
        for q in [
            "",
            "?limit=1000",
            "?offset=1500&limit=1000",
            "?offset=2495&limit=10",
            "?offset=9999",
            "?limit=0",
            "?sort=desc&offset=3&limit=4",
        ] {
            get(format!("{route}{q}"));
        }
    }
    for route in [
        "/single_page/posts",
        "/selectors/data/posts",
        "/selectors/results_posts/posts",
        "/selectors/top_level/posts",
        "/selectors/items/posts",
        "/selectors/deep/posts",
    ] {
        for q in ["", "?limit=1000", "?offset=2490&limit=50", "?sort=desc"] {
            get(format!("{route}{q}"));
        }
    }
    for u in [
        "/posts/1",
        "/posts/2",
        "/posts/3",
        "/posts/4",
        "/posts/2500",
        "/posts/2501",
        "/posts/0",
        "/posts/x",
        "/posts/5/comments",
        "/posts/7/comments?per_page=2&page=2",
        "/posts/8/comments",
        "/posts/11/comments?page=0",
        "/users",
        "/users?per_page=3&page=2",
        "/users?per_page=3&page=9",
        "/users/3",
        "/users/4",
        "/users/8",
        "/users/3/posts",
        "/users/3/posts?per_page=50&page=2",
        "/users/7/posts?per_page=1000",
        "/auth/api_key/query/posts?api_key=test-api-key&per_page=40&page=3",
        "/auth/api_key/query/posts",
        "/nope",
    ] {
        get(u.to_string());
    }
    let bodies = [
        "",
        r#"{"offset": 5, "limit": 3}"#,
        r#"{"pagination": {"offset": 2000, "limit": 1000}}"#,
        r#"{"limit": 0}"#,
        "not json",
    ];
    for body in bodies {
        r.push(("POST", "/offset/body/posts?sort=desc".into(), Some(body)));
    }
    let c = encode_cursor(2490);
    for body in [
        "",
        r#"{"limit": 1000}"#,
        r#"{"pagination": {"cursor": "CUR", "limit": 4}}"#,
        r#"{"cursor": 5}"#,
    ] {
        let body: &'static str = Box::leak(body.replace("CUR", &c).into_boxed_str());
        r.push(("POST", "/cursor/body/posts".into(), Some(body)));
    }
    r
}

fn snapshot(opts: MockOptions) -> Vec<(String, u64)> {
    let api = MockApi::start_blocking(opts);
    let base = api.base_url().to_string();
    let client = reqwest::blocking::Client::new();
    requests()
        .into_iter()
        .map(|(method, url, body)| {
            let full = api.url(&url);
            let req = match method {
                "POST" => client.post(&full).body(body.unwrap_or("")),
                _ => client.get(&full),
            };
            let resp = req.send().unwrap();
            let mut h: u64 = 0xcbf2_9ce4_8422_2325;
            fnv(&mut h, resp.status().as_str().as_bytes());
            for (k, v) in resp.headers() {
                if k.as_str() != "date" {
                    fnv(&mut h, k.as_str().as_bytes());
                    fnv(&mut h, b": ");
                    fnv(&mut h, v.to_str().unwrap().replace(&base, "BASE").as_bytes());
                    fnv(&mut h, b"\n");
                }
            }
            let text = resp.text().unwrap();
            fnv(&mut h, text.replace(&base, "BASE").as_bytes());
            (format!("{method} {url}"), h)
        })
        .collect()
}

fn check(opts: MockOptions, expected: &[u64]) {
    let got = snapshot(opts);
    let hashes: Vec<u64> = got.iter().map(|(_, h)| *h).collect();
    if hashes != expected {
        let mismatched: Vec<&str> = got
            .iter()
            .zip(expected.iter().chain(std::iter::repeat(&0)))
            .filter(|((_, h), e)| h != *e)
            .map(|((u, _), _)| u.as_str())
            .collect();
        panic!(
            "responses changed: {mismatched:#?}\nnew hashes: {:#x?}",
            hashes
        );
    }
}

#[test]
fn responses_are_byte_identical_to_the_value_tree_implementation() {
    check(
        MockOptions {
            posts: 2500,
            users: 7,
            page_size: 10,
            ..MockOptions::default()
        },
        EXPECTED_2500_7,
    );
    check(MockOptions::default(), EXPECTED_DEFAULT);
}

const EXPECTED_2500_7: &[u64] = &[];
const EXPECTED_DEFAULT: &[u64] = &[];
