//! dlt's `snake_case` naming (`normalize/naming.rs`): the keys of a post, odd keys, paths, and
//! the shortening of long identifiers.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use pipewright_engine::normalize::Naming;

const KEYS: [&str; 16] = [
    "id",
    "title",
    "userId",
    "createdAt",
    "updated_at",
    "e-mail",
    "viewCount",
    "isPublished",
    "x-rate",
    "meta.version",
    "Display Name",
    "getHTTPResponseCode",
    "@odata.nextLink",
    "123BaNaNa",
    "Ünicode",
    "event-.!:*<>value",
];

fn bench(c: &mut Criterion) {
    let naming = Naming::sqlite();
    let mut g = c.benchmark_group("naming");
    g.throughput(Throughput::Elements(KEYS.len() as u64));
    g.bench_function("identifier/16 keys", |b| {
        b.iter(|| {
            KEYS.iter()
                .map(|k| naming.normalize_identifier(k).map(|s| s.len()).unwrap_or(0))
                .sum::<usize>()
        })
    });
    g.bench_function("path/16 keys", |b| {
        b.iter(|| {
            KEYS.iter()
                .map(|k| naming.normalize_path(k).len())
                .sum::<usize>()
        })
    });
    g.finish();
    c.bench_function("naming/path/nested", |b| {
        b.iter(|| naming.normalize_path("parent__Child__subField__getHTTPResponseCode"))
    });
    c.bench_function("naming/fragments", |b| {
        b.iter(|| naming.shorten_fragments(&["posts", "comments", "reactions"]))
    });
    let short = Naming::with_max_length(Some(63));
    let long = "a_very_long_column_name_that_goes_on_and_on_and_on_beyond_sixty_three";
    c.bench_function("naming/shorten/63", |b| {
        b.iter(|| short.normalize_identifier(long))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
