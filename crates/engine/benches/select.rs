//! Record selection (`select.rs`): the dlt-dialect JSONPath compiled once, then the records of a
//! 1,000-post page moved out of the body (`take_records`, a run's hot path) or counted.

use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};
use pipewright_engine::select::{count_records, detect_path, take_records, Selector};
use serde_json::json;

mod common;

fn bench(c: &mut Criterion) {
    let page = common::page(1000);
    let nested = json!({"results": {"posts": page["data"].clone(), "count": 1000}, "meta": {}});
    let mut g = c.benchmark_group("select");
    g.throughput(Throughput::Elements(1000));
    for (name, body, path) in [
        ("take/data", &page, "data"),
        ("take/$.data", &page, "$.data"),
        ("take/results.posts", &nested, "results.posts"),
        ("take/data[*]", &page, "data[*]"),
    ] {
        let selector = Selector::parse(path).unwrap_or_else(|e| panic!("{e}"));
        g.bench_function(name, |b| {
            b.iter_batched(
                || body.clone(),
                |mut body| take_records(&mut body, &selector),
                BatchSize::LargeInput,
            )
        });
    }
    let selector = Selector::parse("data").unwrap_or_else(|e| panic!("{e}"));
    g.bench_function("count/data", |b| b.iter(|| count_records(&page, &selector)));
    g.bench_function("detect_path", |b| b.iter(|| detect_path(&page)));
    g.finish();
    c.bench_function("select/parse", |b| {
        b.iter(|| Selector::parse("$.results['many-results'][*]"))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
