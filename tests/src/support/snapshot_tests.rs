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

/// Hashes of every response; with `MOCK_SNAPSHOT_DUMP=<dir>` the hashed text is also written to
/// `<dir>/<name>-<n>.txt` (for diffing two implementations).
fn snapshot(name: &str, opts: MockOptions) -> Vec<(String, u64)> {
    let dump = std::env::var_os("MOCK_SNAPSHOT_DUMP").map(std::path::PathBuf::from);
    let api = MockApi::start_blocking(opts);
    let base = api.base_url().to_string();
    let client = reqwest::blocking::Client::new();
    requests()
        .into_iter()
        .enumerate()
        .map(|(n, (method, url, body))| {
            let full = api.url(&url);
            let req = match method {
                "POST" => client.post(&full).body(body.unwrap_or("")),
                _ => client.get(&full),
            };
            let resp = req.send().unwrap();
            let mut text = format!("{}\n", resp.status().as_str());
            for (k, v) in resp.headers() {
                if k.as_str() != "date" {
                    let v = v.to_str().unwrap().replace(&base, "BASE");
                    text.push_str(&format!("{}: {v}\n", k.as_str()));
                }
            }
            text.push_str(&resp.text().unwrap().replace(&base, "BASE"));
            if let Some(dir) = &dump {
                std::fs::write(dir.join(format!("{name}-{n:03}.txt")), &text).unwrap();
            }
            let mut h: u64 = 0xcbf2_9ce4_8422_2325;
            fnv(&mut h, text.as_bytes());
            (format!("{method} {url}"), h)
        })
        .collect()
}

fn mismatches(got: &[(String, u64)], expected: &[u64]) -> Vec<String> {
    let mut bad: Vec<String> = got
        .iter()
        .zip(expected.iter().map(Some).chain(std::iter::repeat(None)))
        .filter(|((_, h), e)| Some(h) != *e)
        .map(|((u, _), _)| u.clone())
        .collect();
    if expected.len() > got.len() {
        bad.push(format!(
            "{} expected hashes too many",
            expected.len() - got.len()
        ));
    }
    bad
}

#[test]
fn responses_are_byte_identical_to_the_value_tree_implementation() {
    let small = snapshot(
        "small",
        MockOptions {
            posts: 2500,
            users: 7,
            page_size: 10,
            ..MockOptions::default()
        },
    );
    let default = snapshot("default", MockOptions::default());
    let bad_small = mismatches(&small, EXPECTED_2500_7);
    let bad_default = mismatches(&default, EXPECTED_DEFAULT);
    if !bad_small.is_empty() || !bad_default.is_empty() {
        let hashes = |v: &[(String, u64)]| v.iter().map(|(_, h)| *h).collect::<Vec<_>>();
        panic!(
            "responses changed:\n2500/7: {bad_small:#?}\ndefault: {bad_default:#?}\n\
             new hashes:\nconst EXPECTED_2500_7: &[u64] = &{:#x?};\n\
             const EXPECTED_DEFAULT: &[u64] = &{:#x?};",
            hashes(&small),
            hashes(&default)
        );
    }
}

const EXPECTED_2500_7: &[u64] = &[
    0x3692991e37ce02f9,
    0xed6af2aa8a0dfdd8,
    0x934a44478942dccc,
    0x2205b8386b3c7bd6,
    0xe78eeac23fdcbbee,
    0xbf0bea52aa3cb8d8,
    0xbce269e9af683b03,
    0x6d0fa1eccfab405e,
    0x705d4713232cc2dc,
    0xd201f2dbfb8fa33a,
    0x344243d9e7cffa29,
    0x3692991e37ce02f9,
    0xed6af2aa8a0dfdd8,
    0x934a44478942dccc,
    0x2205b8386b3c7bd6,
    0xe78eeac23fdcbbee,
    0xbf0bea52aa3cb8d8,
    0xbce269e9af683b03,
    0x6d0fa1eccfab405e,
    0x705d4713232cc2dc,
    0xd201f2dbfb8fa33a,
    0x344243d9e7cffa29,
    0xa3e50e81c9288d1c,
    0xa1fc6f015c68da74,
    0xa0f97835347b8847,
    0x6deab85eb5b60a96,
    0x2042a653042e1f62,
    0xb671a81a3dd13152,
    0xbce269e9af683b03,
    0x391cca38c418949,
    0xd9482500b53fb48e,
    0xd79a9c8f2d7f8d86,
    0x344243d9e7cffa29,
    0xc49a66184ff90f54,
    0x7d72aa3c6bdf269e,
    0x15a710d3e29674e,
    0x6f7227590466242f,
    0x75f3da42689fc244,
    0xf899c2d6165e0afe,
    0xbce269e9af683b03,
    0x7651069abd7fc394,
    0x9ae56d72475cca0b,
    0x1fb7f1f2bc95f6e9,
    0x344243d9e7cffa29,
    0xaeedf9bd72ba5d52,
    0xaeedf9bd72ba5d52,
    0x4951ae4aca4198f0,
    0xfb3c16d7d940fc11,
    0x7c025c1746e6102d,
    0xc9c8fd7a930595a7,
    0x548df05a50b12c79,
    0x2941a2184fab24ee,
    0x6cf84622ad464a95,
    0x1a71acf2e202edc5,
    0x2676ad0d402239d0,
    0x79488b3c46d608f1,
    0xc8818d74c869ab2d,
    0x4d7ebcc88812e41,
    0x4fcd1c55b9e15ea,
    0x357a45ddea65cbd,
    0xa2198d9fbaecfa16,
    0x9e86464e29404faa,
    0x548df05a50b12c79,
    0x2941a2184fab24ee,
    0x6cf84622ad464a95,
    0x4bace3ce981edb17,
    0x86d0958c27d8ceac,
    0xa780d3a5b5c4d1be,
    0xb8c38857bd02b2cd,
    0x4d7ebcc88812e41,
    0x8dbb2fb58dda5e01,
    0x357a45ddea65cbd,
    0x2fa4422febf733f4,
    0x819e73ac6faa774d,
    0x548df05a50b12c79,
    0x2941a2184fab24ee,
    0x6cf84622ad464a95,
    0xdc600e938f27b4be,
    0xbc99bc8ab74c993a,
    0x59ed87c149bd58ab,
    0xf63b85d2e54a5b2d,
    0x4d7ebcc88812e41,
    0x64859d552019e7ed,
    0x357a45ddea65cbd,
    0xa21d1f51a7c307e3,
    0x44582d30bb83c191,
    0x433f243fc4bc5e08,
    0x8b273cf1a0610aa7,
    0xdb0e87abdf98ca02,
    0x585ffc889ac415f6,
    0x9a3592195a18f41c,
    0xbf8c86bfc825bd17,
    0x259881c7aa50df8a,
    0x4d7ebcc88812e41,
    0xb69dd2e1e22b501b,
    0x357a45ddea65cbd,
    0x48a133c3be3fa245,
    0x2c2d2a4c98a84119,
    0xe166363fbc93aea5,
    0xdb5a53e38b9e8b02,
    0x79c5907d7339aa3,
    0x6b8ab54a8f423831,
    0xb939de84fc3a92b1,
    0x25ceacf91c8f616d,
    0xfd72ce8223e5542a,
    0x4d7ebcc88812e41,
    0xf18d36c2cab62105,
    0x357a45ddea65cbd,
    0xcb1595669201afb7,
    0x6a234085197b6b0b,
    0x3e46816313277630,
    0x476ed55b07a91a1f,
    0x275dde76f2542809,
    0x410c04dc692e6957,
    0x2ec82c97ce631051,
    0x7add7f5a418a3225,
    0xda8ffbbf005ac67d,
    0x4d7ebcc88812e41,
    0x51bc5e34150fd236,
    0x357a45ddea65cbd,
    0x18e3f2df8060060f,
    0x258749b351a1ed1d,
    0x38378fa191817552,
    0x2d874f059c2c9661,
    0x70207def4eb183eb,
    0x8a793bc941a6edfd,
    0xc7db4dee326f0697,
    0x795461f06447b943,
    0xc4fbc4580c3aabf5,
    0x4d7ebcc88812e41,
    0x54788cad5b384708,
    0x357a45ddea65cbd,
    0xc0e13cefb8714c63,
    0xc511f1a63f83857e,
    0x63f281ee78b2ff6d,
    0x60ce842325e229d2,
    0x4d99f105adfd202b,
    0xd640585472744c42,
    0x82f5c691be50249f,
    0xb366beb45b9eb59f,
    0x35e4b7a3642f7445,
    0x58e4c795324b1668,
    0xf8b2574fead60780,
    0xf8b2574fead60780,
    0x5020eccb8b3d1404,
    0xc49db502a9ff7813,
    0x60f10d3a0e77058a,
    0xdc66287a68a27f81,
    0x74b4a370623ee952,
    0x227e249425a77aeb,
    0x58745c1d131e3a3b,
    0x9f7a2836a5949008,
    0x8b6a0c2e89413092,
    0xc49a66184ff90f54,
    0x3d08dc1c7392e0ef,
    0x2b517c6d29286c58,
    0xa882075d690ac322,
    0xf899c2d6165e0afe,
    0x9f7a2836a5949008,
    0xdbbb16fa5d6bd25c,
    0xf0b2353df9b0fc9c,
    0xfe769d18294f96f8,
    0xfbcef59cfcc7e6d4,
    0xcc6e7511933cafdb,
    0x21c66dd2868224b3,
    0x9f7a2836a5949008,
    0xddae9184dcf4fea6,
    0x524797078500878c,
    0xf0ee71c2fdf42e47,
    0x4fa5ae06f41bfdeb,
    0x12ee676ca17731f7,
    0xc49a66184ff90f54,
    0x3d08dc1c7392e0ef,
    0xa21982f2aa91b4b7,
    0x1f78b507e9ff4b43,
    0xc4c47be7687376de,
    0xbf3ff11326f55490,
    0x4e3bcfd6037cd623,
    0xd7f8b0297be70757,
    0x612574a595b7b04c,
    0x7d6bf3941580345f,
    0xb91d62878c3b9cb,
    0x805c31c8dca1f6e7,
    0xa11187f171dcb008,
    0x508ec74aa3c5762d,
    0x73fa33474a423c27,
    0x7b3bd9e863eb240b,
    0x78faf1e3360e751d,
    0xb1e4f6ff3565d0a1,
    0xe1b80194ff99a32c,
    0xee7f4cfeaf456878,
    0xb684c71b032bc90b,
    0xf87d80f35bc9f36a,
    0xb8461e23eca5d8e0,
    0x82c7e4d33d6580a,
    0x72778c13fa1b8b2e,
    0x92b853d1e5057847,
    0x3bf6062a2a4aafd0,
    0x686e62c84aaf4d68,
    0x9852fc9b7ddbdd37,
    0x52a97855b2360bad,
    0x4ff06dcd4124f7e3,
    0x357a45ddea65cbd,
    0xb16b5ee2ac3cd017,
    0x19f43e80ffbca8e2,
    0xf1b214dbc117869b,
    0xd0d800ee8bca02ea,
    0xd78347220f17360f,
    0x3ace2acb1de96433,
    0x98a79e28ce6e030,
    0x5c867d2d369916ee,
    0xf83bdeff14bdcab,
    0xff38fedd867ccd25,
    0x63a742811555b1dd,
    0xae400854818531fd,
    0x34f0f0345daef63d,
    0xe46324223ca1bf9a,
    0x7469ecbb3566a596,
    0x9f7a2836a5949008,
    0xd7a41605c9463331,
    0x3763dbf5c98b0c7a,
    0xb0df0fa0c7477a7f,
    0xf728ecdfc9226154,
    0x9138561763903ee7,
];
const EXPECTED_DEFAULT: &[u64] = &[
    0xa062fceb1e29dc58,
    0xacf598cca365593b,
    0x175c89e343f406e2,
    0x98bd01a785802074,
    0xc67f3c784960c911,
    0x4d1f03b5bb2dfe20,
    0xbce269e9af683b03,
    0xcc8e64c46b5dd2fc,
    0x1125d8bf050a93be,
    0xdf3cf418312ded0d,
    0x344243d9e7cffa29,
    0xa062fceb1e29dc58,
    0xacf598cca365593b,
    0x175c89e343f406e2,
    0x98bd01a785802074,
    0xc67f3c784960c911,
    0x4d1f03b5bb2dfe20,
    0xbce269e9af683b03,
    0xcc8e64c46b5dd2fc,
    0x1125d8bf050a93be,
    0xdf3cf418312ded0d,
    0x344243d9e7cffa29,
    0xca39749608d3c5c6,
    0x586af08df0f50f32,
    0x73f8db76bdc5e3c9,
    0x3180cd89d4e0b0be,
    0x7807f576688de6d7,
    0xbb9d5fe629b64d9a,
    0xbce269e9af683b03,
    0xfbea26732379c5d2,
    0x4da7346a1121997a,
    0x608c22105ec9e04f,
    0x344243d9e7cffa29,
    0x448e852c622ce9ae,
    0x373f15034bc0821d,
    0x14a4d243aecb08c5,
    0xf899c2d6165e0afe,
    0xf899c2d6165e0afe,
    0xf899c2d6165e0afe,
    0xbce269e9af683b03,
    0x5a73a3c9b676a631,
    0xf899c2d6165e0afe,
    0xf899c2d6165e0afe,
    0x344243d9e7cffa29,
    0x66ba0ab1dc0b8fcf,
    0x66ba0ab1dc0b8fcf,
    0x469ed19d916887d5,
    0x98bd01a785802074,
    0x99438c45b44ec546,
    0x7165510d07c1bc2e,
    0x2e043d22afe976d2,
    0xac8c95e71d330af1,
    0x7f7ab52d23951e86,
    0x17700fc93d0abcde,
    0xe107d16963d188db,
    0x25db250acf9b125b,
    0x9383519979f4e00b,
    0x4d7ebcc88812e41,
    0xbec626114ac0b35f,
    0x357a45ddea65cbd,
    0xee8fd8e56ae26b56,
    0x7165510d07c1bc2e,
    0x2e043d22afe976d2,
    0xac8c95e71d330af1,
    0x7f7ab52d23951e86,
    0x13a55570935f2884,
    0xf2884673ff455e69,
    0x94672048c07e9849,
    0x40af356fee0c7cdf,
    0x4d7ebcc88812e41,
    0x3bb7f177005749a1,
    0x357a45ddea65cbd,
    0xbfaa7ddf20b08a3,
    0x7165510d07c1bc2e,
    0x2e043d22afe976d2,
    0xac8c95e71d330af1,
    0x7f7ab52d23951e86,
    0x3f0766e1e60b77b2,
    0xe50b8e9b7182c769,
    0x1c019b09146ed942,
    0x85af48518ab8eaf0,
    0x4d7ebcc88812e41,
    0x40de50f4b8c8af4c,
    0x357a45ddea65cbd,
    0x9822f0c2ff5cba68,
    0x742db88e8ccec1ea,
    0x73d1edc1662e2f60,
    0x73d1edc1662e2f60,
    0x73d1edc1662e2f60,
    0xebde2e4d88e4e1ad,
    0xf4ef3148a0a73495,
    0xbf96fe0a6cf17343,
    0x65fb204d346d97bd,
    0x4d7ebcc88812e41,
    0x80714d77d9ed6373,
    0x357a45ddea65cbd,
    0xbab5a6f1e02979ca,
    0xcf49ea4d2c406343,
    0x979940b7489443fd,
    0x2888f8caaf6551e5,
    0x785163743369f834,
    0x90e847b83261deca,
    0xe36d188d18f48ff4,
    0x59d57831482d955e,
    0xa98f957303e6f01d,
    0x4d7ebcc88812e41,
    0x4612ff747be79981,
    0x357a45ddea65cbd,
    0xdc4026b349e42acd,
    0xb1b264c3ede176ea,
    0x99d6e26c56d23bac,
    0x8bb0b052d3516e36,
    0xa05d812a6d9274dd,
    0x9ee353cbc5aeabfe,
    0xe95278a90eafddea,
    0x2757ec82afef85ad,
    0xda3621af5c61d5df,
    0x4d7ebcc88812e41,
    0xc569ddcf99629c37,
    0x357a45ddea65cbd,
    0x60329447c9262f85,
    0xf119f8720293552a,
    0xdfa12746ecadc562,
    0xf338db374550629c,
    0x92a22152a6c8c767,
    0x13b6341bf903cfdc,
    0x88d96e22c3156d50,
    0x7c242f516489f64f,
    0x8cb6bfc81b7b2bb7,
    0x4d7ebcc88812e41,
    0xa051708536ecdfe5,
    0x357a45ddea65cbd,
    0x2dc210082f000bdf,
    0xa9ed12e783802fec,
    0x867be87216c22198,
    0xed89fbdc499cd3cf,
    0xd550d8017d5567e2,
    0x6d9b1153823fc4c4,
    0xf4fbbc3b4ca2da53,
    0x17387c4d2bdaf270,
    0xe4fb0647c36d0813,
    0x69e5e33bc66e619e,
    0xf8b2574fead60780,
    0xf8b2574fead60780,
    0x68eb0a50f7a85a32,
    0xdc54cd2d60a7e250,
    0xec9a929dba335083,
    0xba53e86578751049,
    0xb2ff1b27191ad95,
    0x94ba9e46f88ad4d4,
    0x133881bd0fd22020,
    0x9f7a2836a5949008,
    0xe3694323c892a1d3,
    0x448e852c622ce9ae,
    0x4d152ca3c9840f68,
    0xf899c2d6165e0afe,
    0xf899c2d6165e0afe,
    0xf899c2d6165e0afe,
    0x9f7a2836a5949008,
    0x3a2dbcc9389e91ae,
    0x15041ec0eb9a0972,
    0xe0536fdb3f10c544,
    0x21c66dd2868224b3,
    0x21c66dd2868224b3,
    0x21c66dd2868224b3,
    0x9f7a2836a5949008,
    0xafbb0c695cff8dbe,
    0x5d5cf3d50b047658,
    0x289d7af6ad956359,
    0xe0fc35dceb28394c,
    0x57e8069c9bd51490,
    0x448e852c622ce9ae,
    0x4d152ca3c9840f68,
    0xf899c2d6165e0afe,
    0x2e94558145e57a9a,
    0xfd435eee83792058,
    0xfb242ad5092f2af2,
    0x98ecc65ceac11a42,
    0x3b1130eabb1b6429,
    0x4828208a6623d0d2,
    0x867be87216c22198,
    0xd550d8017d5567e2,
    0xdfc2590aea4e617e,
    0xbf540fb89bca3888,
    0xc40c1ee453f52615,
    0x1ba6a7a33ea54d32,
    0x97712ccd40650808,
    0x55db5517c507975e,
    0x5fbfe94b7c5dafbe,
    0x5a470385f64dc958,
    0x86a0ce64c45bdb5d,
    0xb684c71b032bc90b,
    0xf87d80f35bc9f36a,
    0xb8461e23eca5d8e0,
    0x82c7e4d33d6580a,
    0xf554018343e42a7c,
    0x92b853d1e5057847,
    0x3bf6062a2a4aafd0,
    0x686e62c84aaf4d68,
    0x9852fc9b7ddbdd37,
    0x52a97855b2360bad,
    0x4ff06dcd4124f7e3,
    0x357a45ddea65cbd,
    0x892f343399816a95,
    0xcc137f50734460de,
    0xf77d1c301db2ec52,
    0xd0d800ee8bca02ea,
    0xd78347220f17360f,
    0x26df31dc77172fb9,
    0xabdbeacb50243a1c,
    0xdbd3f8eb6d87bfa9,
    0x498b417756dd0a79,
    0x30961de9190032e1,
    0x63a742811555b1dd,
    0xae400854818531fd,
    0x919e8fe29d9d7812,
    0x350be2fee498c9b6,
    0x4d992b66f6690825,
    0x9f7a2836a5949008,
    0xd7a41605c9463331,
    0x82c231bf4128b080,
    0x7ee865b216390c58,
    0x7be5b5467b97e746,
    0x9138561763903ee7,
];
