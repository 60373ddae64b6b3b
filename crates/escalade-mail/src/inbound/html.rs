//! Sanitising HTML bodies before an agent's browser sees them. The allow-list is ammonia's
//! (no scripts, styles, forms, frames or event handlers), tightened for mail: images may
//! only point at the message's own parts (`cid:`), so a sender cannot learn when or where
//! the mail is read (tracking pixels) nor make the browser fetch anything; links keep only
//! absolute web and mail addresses and open without a referrer.

use std::borrow::Cow;
use std::collections::HashSet;
use std::sync::LazyLock;

use ammonia::{Builder, UrlRelative};

static SANITISER: LazyLock<Builder<'static>> = LazyLock::new(|| {
    let mut builder = Builder::default();
    builder
        .url_schemes(HashSet::from(["http", "https", "mailto", "cid"]))
        .url_relative(UrlRelative::Deny)
        .link_rel(Some("noopener noreferrer nofollow"))
        .attribute_filter(|element, attribute, value| {
            match (element, attribute) {
                // Only the message's own parts: a remote image is a read receipt in disguise.
                ("img", "src") => is_cid(value).then_some(Cow::Borrowed(value)),
                // `cid:` is for images; a link must lead somewhere a person can read.
                (_, "href") if is_cid(value) => None,
                _ => Some(Cow::Borrowed(value)),
            }
        });
    builder
});

fn is_cid(value: &str) -> bool {
    value
        .trim_start()
        .get(..4)
        .is_some_and(|s| s.eq_ignore_ascii_case("cid:"))
}

/// Returns the HTML with everything that could run, track or load removed.
pub fn sanitise_html(html: &str) -> String {
    SANITISER.clean(html).to_string()
}
