//! The words of outbound mail: the Fluent files `locales/<lang>/mail.ftl`, compiled in, and
//! the list of keys the composer uses (checked against every language by the tests).

use std::borrow::Cow;
use std::collections::HashMap;

use escalade_core::people::Language;
use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{LanguageIdentifier, Loader};

fluent_templates::static_loader! {
    static LOCALES = {
        locales: "./locales",
        fallback_language: "en",
        // Isolation marks around placeables would be invisible characters in subjects and
        // bodies, and break a mail client's search.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

/// Every key the composer asks for; the coverage test checks each in every language.
pub const KEYS: &[&str] = &[
    "mail-greeting",
    "mail-signature",
    "mail-footer-reply",
    "mail-footer-agent",
    "mail-footer-auto",
    "mail-view-request",
    "mail-open-ticket",
    "mail-received-subject",
    "mail-received-intro",
    "mail-received-keep",
    "mail-reply-subject",
    "mail-reply-intro",
    "mail-status-subject",
    "mail-status-intro",
    "mail-resolved-subject",
    "mail-resolved-intro",
    "mail-resolved-ask",
    "mail-resolved-confirm",
    "mail-resolved-reopen",
    "mail-closed-subject",
    "mail-closed-intro",
    "mail-closed-more",
    "mail-escalated-subject",
    "mail-escalated-intro",
    "mail-escalated-no-group",
    "mail-auto-subject",
    "mail-auto-intro",
    "mail-reminder-subject",
    "mail-reminder-intro",
    "mail-test-subject",
    "mail-test-body",
    "mail-status-new",
    "mail-status-assigned",
    "mail-status-in-progress",
    "mail-status-pending",
    "mail-status-escalated",
    "mail-status-resolved",
    "mail-status-closed",
    "mail-status-cancelled",
];

fn identifier(lang: Language) -> LanguageIdentifier {
    // The four tags are valid BCP 47; English is the fallback of the loader anyway.
    lang.as_str()
        .parse()
        .unwrap_or_else(|_| LanguageIdentifier::default())
}

/// The message `key` in `lang` with named arguments; `None` when no language has it.
pub fn translate(lang: Language, key: &str, args: &[(&str, &str)]) -> Option<String> {
    let map: HashMap<Cow<'static, str>, FluentValue<'_>> = args
        .iter()
        .map(|(k, v)| (Cow::Owned(k.to_string()), FluentValue::from(v.to_string())))
        .collect();
    let id = identifier(lang);
    if map.is_empty() {
        LOCALES.try_lookup(&id, key)
    } else {
        LOCALES.try_lookup_with_args(&id, key, &map)
    }
}

/// A translator bound to one language.
#[derive(Debug, Clone, Copy)]
pub(super) struct Words(pub Language);

impl Words {
    /// The message, or its key when missing (the coverage test keeps that from shipping).
    pub fn get(&self, key: &str, args: &[(&str, &str)]) -> String {
        translate(self.0, key, args).unwrap_or_else(|| key.to_string())
    }
}
