//! Every pagination route returns the right pages and terminates.

use serde_json::{json, Value};

use super::{client, get, get_json, ids, opts, range, JsonBody};
use pipewright_tests::support::MockApi;
use reqwest::blocking::Response;

/// Follow a body next link (`pointer` into the body) until it is null/absent.
fn follow_json_link(api: &MockApi, start: &str, records: &str, next: &str) -> (Vec<u64>, usize) {
    let mut url = api.url(start);
    let (mut all, mut pages) = (Vec::new(), 0);
    loop {
        let body = get_json(&url);
        pages += 1;
        all.extend(ids(body.pointer(records).unwrap()));
        match body.pointer(next).and_then(Value::as_str) {
            Some(n) if n.starts_with("http") => url = n.to_string(),
            Some(n) if n.starts_with('/') => url = api.url(n),
            Some(n) if n.starts_with('?') => url = format!("{}{n}", url.split('?').next().unwrap()),
            Some(n) => panic!("unexpected next {n}"),
            None => return (all, pages),
        }
        assert!(pages < 100, "did not terminate");
    }
}

#[test]
fn json_link_variants_page_through_all_posts() {
    let api = MockApi::start_blocking(opts(25));
    for (route, records, next) in [
        ("/json_link/posts?limit=10", "/data", "/next"),
        ("/json_link/relative/posts?limit=10", "/data", "/next"),
        ("/json_link/query_only/posts?limit=10", "/data", "/next"),
        (
            "/json_link/odata/posts?limit=10",
            "/value",
            "/@odata.nextLink",
        ),
        ("/json_link/nested/posts?limit=10", "/data", "/links/next"),
    ] {
        assert_eq!(
            follow_json_link(&api, route, records, next),
            (range(1, 25), 3),
            "{route}"
        );
    }
    let first = get_json(&api.url("/json_link/posts?limit=10&x=keep"));
    assert_eq!(
        first["next"],
        api.url("/json_link/posts?limit=10&x=keep&page=2")
    );
    let last = get_json(&api.url("/json_link/odata/posts?limit=10&page=3"));
    assert!(last.get("@odata.nextLink").is_none());
    assert_eq!(api.hits("/json_link/posts"), 4);
}

fn link_next(r: &Response) -> Option<String> {
    let link = r.headers().get("link")?.to_str().ok()?.to_string();
    link.split(", ")
        .find(|e| e.ends_with("rel=\"next\""))
        .map(|e| {
            e.split(';')
                .next()
                .unwrap()
                .trim_matches(|c| c == '<' || c == '>' || c == ' ')
                .to_string()
        })
}

#[test]
fn header_link_and_header_cursor_terminate() {
    let api = MockApi::start_blocking(opts(25));
    for route in [
        "/header_link/posts?limit=10",
        "/header_link/relative/posts?limit=10",
    ] {
        let (mut url, mut all) = (api.url(route), Vec::new());
        for _ in 0..10 {
            let r = get(&url);
            let link = r.headers()["link"].to_str().unwrap().to_string();
            assert!(
                link.contains("rel=\"last\"") && link.contains("rel=\"first\""),
                "{link}"
            );
            let next = link_next(&r);
            all.extend(ids(&r.json_value()));
            match next {
                Some(n) if n.starts_with('/') => url = api.url(&n),
                Some(n) => url = n,
                None => break,
            }
        }
        assert_eq!(all, range(1, 25), "{route}");
    }
    let (mut url, mut all, mut pages) = (api.url("/header_cursor/posts?limit=10"), Vec::new(), 0);
    loop {
        let r = get(&url);
        pages += 1;
        let token = r
            .headers()
            .get("NextPageToken")
            .map(|v| v.to_str().unwrap().to_string());
        all.extend(ids(&r.json_value()));
        match token {
            Some(t) => url = api.url(&format!("/header_cursor/posts?limit=10&cursor={t}")),
            None => break,
        }
    }
    assert_eq!((all, pages), (range(1, 25), 3));
    assert_eq!(
        get(&api.url("/header_cursor/posts?cursor=bogus")).status(),
        400
    );
}

#[test]
fn offset_variants() {
    let api = MockApi::start_blocking(opts(25));
    let page = |q: &str| get_json(&api.url(q));
    let b = page("/offset/posts?offset=20&limit=10");
    assert_eq!(
        (ids(&b["data"]), b["total"].clone()),
        (range(21, 25), json!(25))
    );
    assert_eq!(
        ids(&page("/offset/no_total/posts?offset=20&limit=10")["data"]),
        range(21, 25)
    );
    assert_eq!(
        page("/offset/no_total/posts?offset=30&limit=10"),
        json!({"data": []})
    );
    assert_eq!(
        page("/offset/has_more/posts?offset=10&limit=10")["has_more"],
        true
    );
    assert_eq!(
        page("/offset/has_more/posts?offset=20&limit=10")["has_more"],
        false
    );
    let post = |body: Value| {
        client()
            .post(api.url("/offset/body/posts"))
            .body(body.to_string())
            .send()
            .unwrap()
            .json_value()
    };
    assert_eq!(
        ids(&post(json!({"offset": 10, "limit": 5}))["data"]),
        range(11, 15)
    );
    assert_eq!(
        ids(&post(json!({"pagination": {"offset": 24, "limit": 5}}))["data"]),
        vec![25]
    );
}

#[test]
fn page_number_variants() {
    let api = MockApi::start_blocking(opts(25));
    let page = |q: &str| get_json(&api.url(q));
    let b = page("/page_number/posts?page=3&per_page=10");
    assert_eq!(ids(&b["data"]), range(21, 25));
    assert_eq!(
        (b["total_pages"].clone(), b["total"].clone()),
        (json!(3), json!(25))
    );
    assert_eq!(
        page("/posts?page=1&per_page=10")["data"],
        page("/page_number/posts?per_page=10")["data"]
    );
    assert_eq!(
        ids(&page("/page_number/zero_based/posts?page=0&per_page=10")["data"]),
        range(1, 10)
    );
    assert_eq!(
        ids(&page("/page_number/zero_based/posts?page=2&per_page=10")["data"]),
        range(21, 25)
    );
    let n = page("/page_number/nested/posts?page=2&per_page=10");
    assert_eq!(
        (
            ids(&n["items"]),
            n["meta"]["pagination"]["total_pages"].clone()
        ),
        (range(11, 20), json!(3))
    );
    assert_eq!(
        page("/page_number/no_total/posts?page=4&per_page=10"),
        json!({"data": []})
    );
    assert_eq!(get(&api.url("/page_number/posts?page=0")).status(), 400);
}

#[test]
fn cursor_in_body_and_query() {
    let api = MockApi::start_blocking(opts(25));
    let (mut cursor, mut all) = (None::<String>, Vec::new());
    loop {
        let q = cursor
            .as_ref()
            .map(|c| format!("&cursor={c}"))
            .unwrap_or_default();
        let b = get_json(&api.url(&format!("/cursor/posts?limit=10{q}")));
        all.extend(ids(&b["data"]));
        match b["cursors"]["next"].as_str() {
            Some(c) => cursor = Some(c.to_string()),
            None => break,
        }
    }
    assert_eq!(all, range(1, 25));
    let (mut body, mut all, mut pages) = (json!({"pagination": {"limit": 10}}), Vec::new(), 0);
    loop {
        let url = api.url("/cursor/body/posts");
        let b = client()
            .post(url)
            .body(body.to_string())
            .send()
            .unwrap()
            .json_value();
        pages += 1;
        all.extend(ids(&b["data"]));
        match b["next_cursor"].as_str() {
            Some(c) => body["pagination"]["cursor"] = json!(c),
            None => break,
        }
    }
    assert_eq!((all, pages), (range(1, 25), 3));
    assert_eq!(
        api.requests_to("/cursor/body/posts")[1]
            .body_json()
            .unwrap()["pagination"]["limit"],
        10
    );
}

#[test]
fn selectors_single_page_and_entities() {
    let api = MockApi::start_blocking(opts(25));
    let at = |q: &str| get_json(&api.url(q));
    assert_eq!(ids(&at("/single_page/posts?limit=5")["data"]), range(1, 5));
    assert_eq!(ids(&at("/selectors/data/posts")["data"]), range(1, 10));
    assert_eq!(
        ids(&at("/selectors/results_posts/posts")["results"]["posts"]),
        range(1, 10)
    );
    assert_eq!(ids(&at("/selectors/top_level/posts")), range(1, 10));
    assert_eq!(ids(&at("/selectors/items/posts")["items"]), range(1, 10));
    assert_eq!(
        ids(&at("/selectors/deep/posts")["response"]["body"]["records"]),
        range(1, 10)
    );
    assert_eq!(at("/posts/7")["id"], 7);
    assert_eq!(get(&api.url("/posts/26")).status(), 404);
    assert_eq!(get(&api.url("/posts/abc")).status(), 404);
    let c = at("/posts/7/comments");
    assert_eq!(
        (c["total"].clone(), c["data"][2]["postId"].clone()),
        (json!(3), json!(7))
    );
    assert_eq!(
        at("/posts/7/comments?per_page=1&page=2")["data"][0],
        at("/posts/7")["comments"][1]
    );
    assert_eq!(at("/users/2")["id"], 2);
    assert_eq!(ids(&at("/users")["data"]), range(1, 10));
    assert_eq!(ids(&at("/users/3/posts")["data"]), vec![3, 13, 23]);
    assert_eq!(get(&api.url("/nope")).status(), 404);
}
