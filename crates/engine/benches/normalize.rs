//! The relational normalizer (`normalize/`): flattening, child tables, `_dlt_id` hashing, type
//! inference and coercion. A 1,000-post page into a batch (5,500 rows), with a fresh schema
//! (every table and column inferred on the first record) and with a warm one (the steady state
//! of a run), plus a page of flat records.

use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};
use pipewright_engine::normalize::{Batch, Normalizer, Schema};
use serde_json::json;

mod common;

const ROWS_PER_PAGE: u64 = 5_500;

fn bench(c: &mut Criterion) {
    let page = common::posts(1, 1000);
    let mut g = c.benchmark_group("normalize");
    g.throughput(Throughput::Elements(ROWS_PER_PAGE));
    g.bench_function("posts/warm schema", |b| {
        let mut n = Normalizer::new(Schema::new("bench"), "1700000000.0");
        let _ = n.normalize_all("posts", page.clone());
        b.iter_batched(
            || page.clone(),
            |records| {
                let mut batch = Batch::default();
                for r in records {
                    let _ = n.normalize("posts", r, &mut batch);
                }
                batch
            },
            BatchSize::LargeInput,
        )
    });
    g.bench_function("posts/fresh schema", |b| {
        b.iter_batched(
            || page.clone(),
            |records| {
                let mut n = Normalizer::new(Schema::new("bench"), "1700000000.0");
                n.normalize_all("posts", records)
            },
            BatchSize::LargeInput,
        )
    });
    g.finish();

    let flat: Vec<_> = (0..1000u64)
        .map(|i| {
            json!({"id": i, "name": format!("row {i}"), "amount": i as f64 * 1.25,
                   "active": i % 2 == 0, "createdAt": "2024-01-01T00:10:00Z", "note": null})
        })
        .collect();
    let mut g = c.benchmark_group("normalize");
    g.throughput(Throughput::Elements(1000));
    g.bench_function("flat/warm schema", |b| {
        let mut n = Normalizer::new(Schema::new("bench"), "1700000000.0");
        let _ = n.normalize_all("flat", flat.clone());
        b.iter_batched(
            || flat.clone(),
            |records| n.normalize_all("flat", records),
            BatchSize::LargeInput,
        )
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
