//! The SQLite loader (`load/`): a normalised 1,000-post batch (5,500 rows in four tables) bound
//! and inserted through cached multi-row statements, inside one transaction that is rolled back
//! after each iteration (the file keeps its tables, so DDL is not measured).

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use pipewright_engine::load::Loader;
use pipewright_engine::normalize::{Normalizer, Schema};

mod common;

fn bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let mut loader =
        Loader::open(dir.path().join("bench.sqlite")).unwrap_or_else(|e| panic!("{e}"));
    let mut n = Normalizer::new(Schema::new("bench"), "1700000000.0");
    let batch = n
        .normalize_all("posts", common::posts(1, 1000))
        .unwrap_or_else(|e| panic!("{e}"));
    let schema = n.into_schema();
    {
        // Create the tables once.
        let mut load = loader.begin("0").unwrap_or_else(|e| panic!("{e}"));
        load.write(&schema, &batch)
            .unwrap_or_else(|e| panic!("{e}"));
        load.commit_without_load().unwrap_or_else(|e| panic!("{e}"));
    }
    let mut g = c.benchmark_group("load");
    g.throughput(Throughput::Elements(batch.row_count() as u64));
    g.bench_function("insert/posts batch", |b| {
        b.iter(|| {
            let mut load = loader.begin("1").unwrap_or_else(|e| panic!("{e}"));
            load.write(&schema, &batch)
                .unwrap_or_else(|e| panic!("{e}"));
            drop(load);
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
