//! Suggestions in the flow of work, built on the full-text index: articles that may answer
//! what a requester is typing (deflection on the portal), and for an agent's ticket the
//! articles and similar past tickets matching its subject and description. Free text is not a
//! search query (every word required would rarely match a whole description), so any one of
//! its words may match but the function words (`the`, `from`, `les`, `что`), which every
//! article holds; documents holding more of the words, and rarer ones, rank first.

use escalade_core::ids::{TicketId, TicketNumber};
use escalade_core::search::{
    SearchQuery, SearchTerm, SnippetPart, TermGroup, is_stop_word, is_stop_word_prefix, snippet,
};
use escalade_core::ticket::{Status, TicketType};
use escalade_store::search::{self as search_store, DocType, Reach, Search};
use serde::Serialize;

use crate::App;
use crate::caller::Caller;
use crate::error::AppError;
use crate::knowledge::reads_everything;

/// Most articles (and tickets) suggested at once.
pub const MAX_SUGGESTIONS: usize = 5;
/// Characters of typed text considered (the start of a long description says enough).
const MAX_TEXT_CHARS: usize = 2000;
/// Most distinct words asked for.
const MAX_WORDS: usize = 30;
/// Hits read to choose suggestions from (translations of one article, the ticket itself).
const CANDIDATES: i64 = 30;

/// An article suggested.
#[derive(Debug, Clone, Serialize)]
pub struct ArticleSuggestion {
    /// The article.
    pub article_id: i64,
    /// Its title in the language that matched.
    pub title: String,
    /// That language.
    pub lang: Option<String>,
    /// `sop`, `known_error`, `faq`, `how_to`.
    pub kind: Option<String>,
    /// `public` or `internal`.
    pub visibility: String,
    /// Its status (published for deflection).
    pub status: Option<String>,
    /// The best passage.
    pub snippet: Vec<SnippetPart>,
}

/// A similar ticket.
#[derive(Debug, Clone, Serialize)]
pub struct TicketSuggestion {
    /// Number (`INC-000042`).
    pub number: String,
    /// Current subject.
    pub subject: String,
    /// Current status.
    pub status: String,
    /// The best passage.
    pub snippet: Vec<SnippetPart>,
}

/// What the ticket page suggests for one ticket.
#[derive(Debug, Clone, Serialize, Default)]
pub struct TicketSuggestions {
    /// Articles matching the ticket, best first.
    pub articles: Vec<ArticleSuggestion>,
    /// Similar tickets the caller may read, resolved and closed ones first.
    pub tickets: Vec<TicketSuggestion>,
}

/// Free text as a query matching any of its words, one group per word, so that documents
/// holding more of them, and rarer ones, rank first (`None` when it has none worth asking).
/// Words of one or two letters and the stop words of English, French and Russian are left
/// out: they match (and would be highlighted in) nearly every article, so an Outlook article
/// would be suggested for a VPN problem. The last word is also a prefix, as it may still be
/// being typed, unless it may still become a stop word (`whe`).
pub fn any_word_query(text: &str) -> Option<SearchQuery> {
    let text: String = text.chars().take(MAX_TEXT_CHARS).collect();
    let words: Vec<&str> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 3 || w.chars().any(|c| c as u32 >= 0x2E80))
        .collect();
    let mut groups: Vec<TermGroup> = Vec::new();
    let mut asked: Vec<String> = Vec::new();
    let last = words.len().saturating_sub(1);
    for (i, w) in words.iter().enumerate() {
        if is_stop_word(w) {
            continue;
        }
        let Ok(q) = SearchQuery::parse(w) else {
            continue;
        };
        let prefix = i == last && !is_stop_word_prefix(w);
        for g in q.groups {
            // A form already asked by an earlier word asks nothing more.
            let any: Vec<SearchTerm> = g
                .any
                .into_iter()
                .map(|mut t| {
                    t.prefix &= prefix;
                    t
                })
                .filter(|t| !asked.contains(&t.text))
                .collect();
            if any.is_empty() {
                continue;
            }
            asked.extend(any.iter().map(|t| t.text.clone()));
            groups.push(TermGroup { any });
        }
        if groups.len() >= MAX_WORDS {
            break;
        }
    }
    (!groups.is_empty()).then_some(SearchQuery {
        groups,
        any_group: true,
    })
}

impl App {
    async fn suggested_articles(
        &self,
        caller: &Caller,
        query: &SearchQuery,
    ) -> Result<Vec<ArticleSuggestion>, AppError> {
        let everything = reads_everything(caller);
        let reach = Reach {
            tickets: caller.actor.ticket_visibility(),
            notes: None,
            internal_articles: everything,
            articles_published_only: true,
        };
        let search = Search {
            query: query.clone(),
            doc_types: vec![DocType::Article],
            kind: None,
            category_id: None,
            lang: None,
            internal: None,
            page: 1,
            per_page: CANDIDATES,
        };
        let hits = {
            let mut c = self.store.read().await?;
            search_store::search(&mut c, &search, &reach).await?.hits
        };
        // One line per article: the best-ranked translation, or the reader's language when
        // that one matched too.
        let mine = caller.language();
        let mut out: Vec<ArticleSuggestion> = Vec::new();
        for h in hits {
            let Some(article_id) = h.parent_id else {
                continue;
            };
            let s = ArticleSuggestion {
                article_id,
                snippet: snippet(&h.body, query),
                title: h.title,
                lang: h.lang,
                kind: h.kind,
                visibility: h.visibility,
                status: h.status,
            };
            match out.iter().position(|o| o.article_id == article_id) {
                Some(at) if s.lang.as_deref() == Some(mine.as_str()) => out[at] = s,
                Some(_) => {}
                None if out.len() < MAX_SUGGESTIONS => out.push(s),
                None => {}
            }
        }
        Ok(out)
    }

    /// Published articles the caller may read that may answer `text` (what a requester is
    /// typing for a new ticket), best first, at most [`MAX_SUGGESTIONS`]. Text without a
    /// word worth asking suggests nothing.
    pub async fn suggest_articles(
        &self,
        caller: &Caller,
        text: &str,
    ) -> Result<Vec<ArticleSuggestion>, AppError> {
        match any_word_query(text) {
            Some(q) => self.suggested_articles(caller, &q).await,
            None => Ok(Vec::new()),
        }
    }

    /// For the agent's view of a ticket the caller may read: published articles matching its
    /// subject and description, and similar tickets the caller may read (resolved and closed
    /// ones first, then by rank; never the ticket itself).
    pub async fn ticket_suggestions(
        &self,
        caller: &Caller,
        number: &str,
    ) -> Result<TicketSuggestions, AppError> {
        let id = crate::tickets::parse_number(number)?.id();
        let ticket = {
            let mut c = self.store.read().await?;
            self.visible(&mut c, caller, id).await?.0.ticket
        };
        let Some(query) = any_word_query(&format!("{}\n{}", ticket.subject, ticket.description))
        else {
            return Ok(TicketSuggestions::default());
        };
        let articles = self.suggested_articles(caller, &query).await?;
        let reach = Reach {
            tickets: caller.actor.ticket_visibility(),
            notes: None,
            internal_articles: false,
            articles_published_only: true,
        };
        let search = Search {
            query: query.clone(),
            doc_types: vec![DocType::Ticket],
            kind: None,
            category_id: None,
            lang: None,
            internal: None,
            page: 1,
            per_page: CANDIDATES,
        };
        let hits = {
            let mut c = self.store.read().await?;
            search_store::search(&mut c, &search, &reach).await?.hits
        };
        let mut tickets: Vec<(bool, TicketSuggestion)> = hits
            .into_iter()
            .filter(|h| h.ticket_id.is_some_and(|t| t != id.0))
            .filter_map(|h| {
                let kind = TicketType::parse("kind", h.kind.as_deref()?).ok()?;
                let status = h.status.clone().unwrap_or_default();
                let solved =
                    status == Status::Resolved.as_str() || status == Status::Closed.as_str();
                Some((
                    solved,
                    TicketSuggestion {
                        number: TicketNumber::new(kind, TicketId(h.ticket_id?)).to_string(),
                        snippet: snippet(&h.body, &query),
                        subject: h.title,
                        status,
                    },
                ))
            })
            .collect();
        // Stable: the rank decides within each half.
        tickets.sort_by_key(|(solved, _)| !*solved);
        Ok(TicketSuggestions {
            articles,
            tickets: tickets
                .into_iter()
                .map(|(_, t)| t)
                .take(MAX_SUGGESTIONS)
                .collect(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(q: &SearchQuery) -> impl Iterator<Item = &SearchTerm> {
        q.groups.iter().flat_map(|g| g.any.iter())
    }

    #[test]
    fn free_text_asks_for_any_of_its_words() {
        let q = any_word_query("My printer is jammed again").expect("query");
        assert!(q.any_group, "any word matches");
        let texts: Vec<&str> = terms(&q).map(|t| t.text.as_str()).collect();
        assert!(texts.contains(&"printer"), "{texts:?}");
        assert!(!texts.contains(&"is"), "{texts:?}");
        assert!(
            terms(&q)
                .filter(|t| t.prefix)
                .all(|t| t.text.starts_with("again"))
        );
        assert!(any_word_query("a b ?").is_none());
        assert!(any_word_query("打印机").is_some());
    }

    fn asked(text: &str) -> Vec<String> {
        any_word_query(text)
            .map(|q| terms(&q).map(|t| t.text.clone()).collect())
            .unwrap_or_default()
    }

    #[test]
    fn function_words_are_not_asked() {
        let texts = asked("VPN keeps disconnecting when I work from home and have to sign in");
        for stop in ["when", "from", "and", "have"] {
            assert!(!texts.iter().any(|t| t == stop), "{stop} in {texts:?}");
        }
        for content in ["vpn", "home", "sign"] {
            assert!(texts.iter().any(|t| t == content), "{content} in {texts:?}");
        }
        assert_eq!(
            asked("L'imprimante ne fonctionne plus depuis les travaux"),
            asked("imprimante fonctionne travaux")
        );
        assert_eq!(
            asked("Что-то не так с принтером, когда печатаю"),
            asked("принтером печатаю")
        );
        // Only function words: nothing to ask.
        assert!(any_word_query("And then when they were there").is_none());
        assert!(any_word_query("Ce que nous avons").is_none());
        // Chinese is asked as before.
        assert!(any_word_query("打印机无法连接").is_some());
        // A last word that may still become a stop word is not asked as a prefix.
        let q = any_word_query("printer jammed whe").expect("query");
        assert!(terms(&q).all(|t| !t.prefix), "{q:?}");
        let q = any_word_query("printer jam").expect("query");
        assert!(terms(&q).any(|t| t.prefix), "{q:?}");
    }
}
