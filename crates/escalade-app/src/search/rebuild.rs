//! Rebuilding the search index from the tickets and their journals (then the articles): for databases from before
//! search, and whenever the analysis changes (its version, `ANALYSIS_VERSION`, is newer than
//! the one stored in the settings). Each batch is read and re-indexed inside one write, so a
//! reply arriving meanwhile is either already in the batch or indexed after it, never lost.

use escalade_core::knowledge::ArticleId;
use escalade_core::search::ANALYSIS_VERSION;
use escalade_store::knowledge as kb_store;
use escalade_store::search as search_store;
use escalade_store::{settings, tickets as ticket_store};

use crate::App;
use crate::error::AppError;

/// Settings key of the analysis version the stored index was built with.
pub const INDEX_VERSION_KEY: &str = "search_index_version";

/// Tickets re-indexed per write.
const BATCH: i64 = 200;

/// How far a rebuild is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RebuildProgress {
    /// Tickets re-indexed so far.
    pub done: i64,
    /// Tickets in all (when the rebuild started).
    pub total: i64,
}

impl App {
    /// Whether the stored index was built by an older analysis (or never).
    pub async fn search_index_outdated(&self) -> Result<bool, AppError> {
        let mut c = self.store.read().await?;
        let stored: Option<i64> = settings::get(&mut c, INDEX_VERSION_KEY).await?;
        Ok(stored.is_none_or(|v| v < ANALYSIS_VERSION))
    }

    /// Re-indexes every ticket with its comments, calling `progress` after each batch, then
    /// records the analysis version. An operator's action (command line, server start): it
    /// reads everything and shows nothing to anyone.
    pub async fn rebuild_search_index(
        &self,
        mut progress: impl FnMut(RebuildProgress) + Send,
    ) -> Result<RebuildProgress, AppError> {
        let total = {
            let mut c = self.store.read().await?;
            ticket_store::count(&mut c).await?
        };
        let mut state = RebuildProgress { done: 0, total };
        let mut after = 0;
        loop {
            let now = self.clock.now();
            let (count, last) = self
                .store
                .write(move |c| {
                    Box::pin(async move {
                        let (tickets, comments) =
                            search_store::ticket_batch(c, after, BATCH).await?;
                        let mut at = 0;
                        for t in &tickets {
                            let start = at;
                            while at < comments.len() && comments[at].ticket_id == t.id {
                                at += 1;
                            }
                            for d in super::index::rebuilt_documents(t, &comments[start..at], now) {
                                search_store::upsert_document(c, &d).await?;
                            }
                        }
                        Ok((tickets.len() as i64, tickets.last().map(|t| t.id)))
                    })
                })
                .await?;
            let Some(last) = last else { break };
            after = last;
            state.done += count;
            state.total = state.total.max(state.done);
            progress(state);
        }
        self.rebuild_article_documents().await?;
        let now = self.clock.now();
        self.store
            .write(move |c| {
                Box::pin(async move {
                    settings::put(c, INDEX_VERSION_KEY, &ANALYSIS_VERSION, now).await
                })
            })
            .await?;
        Ok(state)
    }

    /// Re-indexes every article's translations, a batch of articles per write.
    async fn rebuild_article_documents(&self) -> Result<(), AppError> {
        let mut after = 0;
        loop {
            let now = self.clock.now();
            let last = self
                .store
                .write(move |c| {
                    Box::pin(async move {
                        let ids = kb_store::ids_after(c, after, BATCH).await?;
                        for id in &ids {
                            super::articles::article_changed(c, ArticleId(*id), now).await?;
                        }
                        Ok(ids.last().copied())
                    })
                })
                .await?;
            match last {
                Some(last) => after = last,
                None => return Ok(()),
            }
        }
    }

    /// At server start: rebuilds the index in the background when it is outdated, logging its
    /// progress. Searching works meanwhile, on what is already indexed.
    pub fn rebuild_search_index_if_outdated(&self) {
        let app = self.clone();
        tokio::spawn(async move {
            match app.search_index_outdated().await {
                Ok(false) => return,
                Ok(true) => {}
                Err(e) => {
                    tracing::warn!(error = %e, "cannot read the search index version");
                    return;
                }
            }
            tracing::info!("rebuilding the search index (its analysis version is older)");
            let mut last_logged = 0;
            let res = app
                .rebuild_search_index(|p| {
                    if p.done - last_logged >= 10_000 || p.done == p.total {
                        last_logged = p.done;
                        tracing::info!(done = p.done, total = p.total, "search index rebuild");
                    }
                })
                .await;
            match res {
                Ok(p) => tracing::info!(tickets = p.done, "search index rebuilt"),
                Err(e) => tracing::warn!(error = %e, "search index rebuild failed"),
            }
        });
    }
}
