//! Times the CSV import's stages on a file, natively: reading (decoding, splitting,
//! recognising), the preview with its suggested mapping, and summing with that mapping
//! (each with its JSON, as the import worker sends them); the best of RUNS (10).
//! `STAGE=read` or `STAGE=bucket` repeats only that stage, for a profiler such as
//! `perf record`. Built as the worker is (`--profile worker`: opt-level 3):
//!
//!     cargo run --profile worker --example csv-import-stages -- FILE [RUNS]
//!
//! `node -e 'import("./bench/csv-import.mjs").then(m => process.stdout.write(m.ga4Csv()))'`
//! writes the benchmark's 100,000-row file.

use std::time::Instant;

use race_planner::import;

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next() else {
        eprintln!("usage: csv-import-stages FILE [RUNS]");
        return;
    };
    let runs: usize = args.next().and_then(|r| r.parse().ok()).unwrap_or(10);
    let Ok(bytes) = std::fs::read(&path) else {
        eprintln!("cannot read {path}");
        return;
    };
    if std::env::var("STAGE").as_deref() == Ok("read") {
        let mut best = f64::MAX;
        for _ in 0..runs {
            let t0 = Instant::now();
            let n = import::read(&bytes, &path, &mut |_, _| {}).map(|f| f.source());
            std::hint::black_box(n.is_ok());
            best = best.min(t0.elapsed().as_secs_f64() * 1000.0);
        }
        println!("read best {best:.1} ms");
        return;
    }
    if std::env::var("STAGE").as_deref() == Ok("bucket") {
        let Ok(file) = import::read(&bytes, &path, &mut |_, _| {}) else {
            return;
        };
        let mapping = file.preview().mapping;
        let mut best = f64::MAX;
        for _ in 0..runs {
            let t0 = Instant::now();
            std::hint::black_box(file.bucket(&mapping).map(|b| b.rows_read).unwrap_or(0));
            best = best.min(t0.elapsed().as_secs_f64() * 1000.0);
        }
        println!("bucket best {best:.1} ms");
        return;
    }
    let mut best = [f64::MAX; 4];
    for _ in 0..runs {
        let t0 = Instant::now();
        let Ok(file) = import::read(&bytes, &path, &mut |_, _| {}) else {
            eprintln!("{path} does not read");
            return;
        };
        let t1 = Instant::now();
        let preview = file.preview();
        let json = serde_json::to_string(&preview).unwrap_or_default();
        let t2 = Instant::now();
        let Ok(bucketed) = file.bucket(&preview.mapping) else {
            eprintln!("{path} does not bucket");
            return;
        };
        let out = serde_json::to_string(&bucketed).unwrap_or_default();
        let t3 = Instant::now();
        let ms = |a: Instant, b: Instant| (b - a).as_secs_f64() * 1000.0;
        let times = [ms(t0, t1), ms(t1, t2), ms(t2, t3), ms(t0, t3)];
        for (b, t) in best.iter_mut().zip(times) {
            *b = b.min(t);
        }
        std::hint::black_box((json.len(), out.len(), bucketed.rows_read));
    }
    println!(
        "best of {runs}: read {:.1} ms, preview {:.1} ms, bucket {:.1} ms, total {:.1} ms",
        best[0], best[1], best[2], best[3]
    );
}
