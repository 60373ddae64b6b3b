//! `escalade search-reindex`: rebuilds the full-text search index from the tickets and their
//! journals, printing its progress (docs/SEARCH.md). Safe while the server runs.

use anyhow::Result;

use crate::config::Global;

/// Rebuilds the index and prints a progress line per 5% (and at the end).
pub async fn run(global: &Global) -> Result<()> {
    let app = global.open().await?;
    let started = std::time::Instant::now();
    let mut shown = -1;
    let done = app
        .rebuild_search_index(|p| {
            let percent = if p.total == 0 {
                100
            } else {
                p.done * 100 / p.total
            };
            if percent / 5 != shown / 5 || p.done == p.total {
                shown = percent;
                println!("search index: {}/{} tickets ({percent}%)", p.done, p.total);
            }
        })
        .await?;
    println!(
        "search index rebuilt: {} tickets in {:.1} s",
        done.done,
        started.elapsed().as_secs_f64()
    );
    Ok(())
}
