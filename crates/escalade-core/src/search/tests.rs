use proptest::prelude::*;

use super::*;
use crate::people::Language;

/// Whether a document of `lang` with `text` matches `query` the way the databases decide it:
/// every group has a term among the document's terms (exactly, or as a prefix).
fn matches(text: &str, lang: Option<Language>, query: &str) -> bool {
    let terms = index_terms(text, lang);
    let q = SearchQuery::parse(query).expect("query");
    q.groups.iter().all(|g| {
        g.any.iter().any(|t| {
            terms.iter().any(|d| {
                if t.prefix {
                    d.starts_with(&t.text)
                } else {
                    *d == t.text
                }
            })
        })
    })
}

#[test]
fn russian_inflections_meet() {
    let forms = [
        "принтер",
        "принтера",
        "принтеры",
        "принтеров",
        "принтером",
        "Принтеру",
    ];
    for doc in forms {
        for query in forms {
            assert!(
                matches(&format!("Не печатает {doc} на третьем этаже"), None, query),
                "{query} should find {doc}"
            );
        }
    }
    assert!(matches("Ёлка не горит", None, "елка"));
    assert!(!matches("Принтер не печатает", None, "сканер"));
}

#[test]
fn french_inflections_and_accents_meet() {
    for lang in [Some(Language::Fr), None] {
        assert!(matches("L'imprimante est bloquée", lang, "imprimantes"));
        assert!(matches("Les imprimantes sont bloquées", lang, "imprimante"));
        assert!(matches("Le réseau est coupé", lang, "reseau"));
        assert!(matches("Le reseau est coupe", lang, "réseau"));
        assert!(matches("Plusieurs réseaux sont coupés", lang, "réseau"));
        assert!(matches(
            "Pas de connexion à l'imprimante",
            lang,
            "l'imprimante"
        ));
    }
    assert!(!matches(
        "Le réseau est coupé",
        Some(Language::Fr),
        "imprimante"
    ));
}

#[test]
fn english_stems_and_either_language_query() {
    assert!(matches(
        "The printers are offline",
        Some(Language::En),
        "printer"
    ));
    assert!(matches("Printing fails", Some(Language::En), "printed"));
    // A French query finds an English document through the French word's folded form.
    assert!(matches(
        "Network unreachable",
        Some(Language::En),
        "network"
    ));
}

#[test]
fn chinese_is_found_by_its_words() {
    let text = "打印机无法连接网络";
    assert!(matches(text, Some(Language::ZhCn), "打印机"));
    assert!(matches(text, None, "网络"));
    assert!(matches(text, None, "连接网络"));
    assert!(matches(text, None, "打"));
    assert!(!matches(text, None, "打网"));
    assert!(!matches(text, None, "邮件"));
    // Mixed with Latin words and digits.
    assert!(matches("Outlook 2019 无法发送邮件", None, "outlook 邮件"));
    assert!(matches("Outlook 2019 无法发送邮件", None, "2019"));
}

#[test]
fn last_word_matches_as_a_prefix() {
    assert!(matches("imprimante en panne", None, "impri"));
    assert!(matches("принтер не печатает", None, "печат"));
    assert!(!matches("imprimante en panne", None, "im"));
    // Only the last word: earlier words must be whole.
    assert!(!matches("imprimante en panne", None, "impri panne"));
}

#[test]
fn the_exact_query_asks_the_last_word_whole() {
    let q = SearchQuery::parse("imprimante rés").expect("query");
    let exact = q.exact().expect("the last word is a prefix");
    assert!(exact.groups.iter().all(|g| g.any.iter().all(|t| !t.prefix)));
    let doc = index_text("L'imprimante du réseau est en panne", Some(Language::Fr));
    assert!(q.score_terms(&doc).is_some());
    assert_eq!(exact.score_terms(&doc), None, "rés is not a whole word");
    let whole = index_text("L'imprimante rés", Some(Language::Fr));
    assert!(exact.score_terms(&whole).is_some());
    // A short last word is no prefix: nothing to take away.
    assert_eq!(SearchQuery::parse("vpn ok").expect("query").exact(), None);
}

#[test]
fn codes_are_kept_whole() {
    let terms = index_terms("Error 0x80070005 in KB5034441", None);
    assert!(terms.contains(&"0x80070005".to_string()));
    assert!(terms.contains(&"kb5034441".to_string()));
}

#[test]
fn bad_queries_name_the_field() {
    for (q, code) in [
        ("", "required"),
        ("   ", "required"),
        ("?!…", "no_words"),
        (&"a".repeat(MAX_QUERY_CHARS + 1), "too_long"),
    ] {
        match SearchQuery::parse(q) {
            Err(crate::DomainError::Invalid(e)) => {
                assert_eq!(e.field, "q");
                assert_eq!(e.code, code, "{q}");
            }
            other => panic!("{q:?} gave {other:?}"),
        }
    }
    let many = (0..MAX_QUERY_WORDS + 1)
        .map(|i| format!("word{i}"))
        .collect::<Vec<_>>()
        .join(" ");
    assert!(SearchQuery::parse(&many).is_err());
}

#[test]
fn a_pasted_chinese_sentence_is_one_phrase_not_too_many_words() {
    // 22 characters: 21 overlapping pairs in the index, 11 covering pairs asked for.
    let sentence = "我的打印机从昨天开始就无法连接到办公室网络了";
    let q = SearchQuery::parse(sentence).expect("a sentence is a valid search");
    assert_eq!(q.groups.len(), 11);
    assert!(matches(sentence, None, sentence));
    // The pairs still have to be there: another sentence sharing a few characters is not found.
    assert!(!matches("我的电脑无法开机", None, sentence));
}

fn highlighted(parts: &[SnippetPart]) -> Vec<String> {
    parts
        .iter()
        .filter(|p| p.highlighted)
        .map(|p| p.text.clone())
        .collect()
}

#[test]
fn snippet_highlights_inflected_words_in_a_window() {
    let filler = "Lorem ipsum dolor sit amet. ".repeat(30);
    let text = format!("{filler}Les imprimantes du réseau sont bloquées.\n\n{filler}");
    let q = SearchQuery::parse("imprimante reseau").expect("query");
    let parts = snippet(&text, &q);
    assert_eq!(highlighted(&parts), vec!["imprimantes", "réseau"]);
    let shown: String = parts.iter().map(|p| p.text.as_str()).collect();
    assert!(shown.starts_with('…') && shown.ends_with('…'), "{shown}");
    assert!(shown.chars().count() <= SNIPPET_CHARS + 4, "{shown}");
    assert!(!shown.contains('\n'));
}

#[test]
fn snippet_highlights_russian_and_chinese() {
    let q = SearchQuery::parse("принтеры").expect("query");
    let parts = snippet("У нас сломался принтер, и других принтеров нет", &q);
    assert_eq!(highlighted(&parts), vec!["принтер", "принтеров"]);

    let q = SearchQuery::parse("网络").expect("query");
    let parts = snippet("打印机无法连接网络", &q);
    assert_eq!(
        parts,
        vec![
            SnippetPart {
                text: "打印机无法连接".into(),
                highlighted: false
            },
            SnippetPart {
                text: "网络".into(),
                highlighted: true
            },
        ]
    );
}

#[test]
fn snippet_without_match_shows_the_start() {
    let q = SearchQuery::parse("absent").expect("query");
    let parts = snippet("Short text.", &q);
    assert_eq!(
        parts,
        vec![SnippetPart {
            text: "Short text.".into(),
            highlighted: false
        }]
    );
    assert!(snippet("", &q).is_empty());
}

proptest! {
    #[test]
    fn analysis_and_snippets_never_panic(text in "\\PC{0,300}", query in "\\PC{0,40}") {
        let terms = index_terms(&text, None);
        // Every term is a run of letters and digits: what both databases' indexes keep as one.
        for t in &terms {
            prop_assert!(!t.is_empty());
            prop_assert!(t.chars().all(char::is_alphanumeric), "{t:?}");
        }
        let _ = index_terms(&text, Some(Language::Fr));
        if let Ok(q) = SearchQuery::parse(&query) {
            for g in &q.groups {
                for t in &g.any {
                    prop_assert!(!t.text.is_empty());
                    prop_assert!(t.text.chars().all(char::is_alphanumeric), "{:?}", t.text);
                }
            }
            let parts = snippet(&text, &q);
            let shown: String = parts.iter().map(|p| p.text.as_str()).collect();
            prop_assert!(shown.chars().count() <= SNIPPET_CHARS + 4);
        }
    }

    #[test]
    fn a_document_is_found_by_its_own_words(words in proptest::collection::vec("[a-zа-яéèàç]{2,12}|[\u{4e00}-\u{4e3f}]{2,4}", 1..6)) {
        let text = words.join(" ");
        let query = words.join(" ");
        prop_assert!(matches(&text, None, &query), "{text}");
        // Whole words are found without the prefix too, which a search asks first.
        let q = SearchQuery::parse(&query).expect("query");
        let exact = q.exact().unwrap_or(q);
        prop_assert!(exact.score_terms(&index_text(&text, None)).is_some(), "{text}");
    }
}

#[test]
fn stored_terms_are_scored_like_the_index_matches_them() {
    let q = SearchQuery::parse("imprimantes réseau").expect("query");
    let one = index_text("L'imprimante du réseau est en panne", Some(Language::Fr));
    let two = index_text(
        "L'imprimante du réseau, encore l'imprimante, toujours l'imprimante",
        Some(Language::Fr),
    );
    let neither = index_text("Le réseau est lent", Some(Language::Fr));
    let a = q.score_terms(&one).expect("both words are there");
    let b = q.score_terms(&two).expect("both words are there");
    assert!(b > a, "more occurrences weigh more: {a} {b}");
    assert_eq!(q.score_terms(&neither), None);
    // The last word also matches as a prefix, as in the index.
    let typed = SearchQuery::parse("imprimante rés").expect("query");
    assert!(typed.score_terms(&one).is_some());
}

#[test]
fn length_weighs_against_the_documents_ranked_together() {
    let q = SearchQuery::parse("vpn").expect("query");
    let ticket = index_text("VPN down since this morning", Some(Language::En));
    let filler = "the client connects through the office gateway ".repeat(20);
    let article = index_text(
        &format!("VPN setup. {filler} Install the VPN client, open the VPN profile, test the VPN."),
        Some(Language::En),
    );
    // Against one fixed length, the long article loses to a one-line ticket...
    let fixed = (q.score_terms(&ticket), q.score_terms(&article));
    assert!(fixed.0 > fixed.1, "{fixed:?}");
    // ...but each ranked among its own kind, saying the word often wins.
    let t = q.rank_together(&[ticket.as_str()])[0].expect("match");
    let a = q.rank_together(&[article.as_str()])[0].expect("match");
    assert!(a > t, "{a} {t}");
}

#[test]
fn free_text_ranks_documents_holding_more_and_rarer_words_first() {
    let mut free = SearchQuery::parse("printer vpn").expect("query");
    free.any_group = true;
    let docs: Vec<String> = [
        "printer printer printer jammed",
        "printer out of paper",
        "printer toner low",
        "vpn drops at home",
        "nothing relevant here",
    ]
    .iter()
    .map(|t| index_text(t, Some(Language::En)))
    .collect();
    let docs: Vec<&str> = docs.iter().map(String::as_str).collect();
    let scores = free.rank_together(&docs);
    assert_eq!(scores[4], None, "free text still needs one of its words");
    let vpn = scores[3].expect("vpn");
    for printer in &scores[..3] {
        assert!(vpn > printer.expect("printer"), "{scores:?}");
    }
    // All words required: only a document with both matches.
    let all = SearchQuery::parse("printer vpn").expect("query");
    assert!(all.rank_together(&docs).iter().all(Option::is_none));
}

#[test]
fn stop_words_are_function_words_of_three_languages() {
    for w in ["the", "The", "from", "WHEN", "have", "and"] {
        assert!(is_stop_word(w), "{w}");
    }
    for w in ["les", "dans", "était", "etait", "déjà", "qu"] {
        assert!(is_stop_word(w), "{w}");
    }
    // Compared after lowercasing, `ё` read as `е`.
    for w in ["Что", "когда", "ещё", "её", "были"] {
        assert!(is_stop_word(w), "{w}");
    }
    // Content words, inflected or not, are not stop words; nor is anything in Chinese.
    for w in [
        "vpn",
        "printer",
        "disconnecting",
        "home",
        "down",
        "car",
        "imprimante",
        "réseau",
        "принтер",
        "сеть",
        "的",
        "打印机",
    ] {
        assert!(!is_stop_word(w), "{w}");
    }
    // A word being typed that may still become one.
    assert!(is_stop_word_prefix("whe"));
    assert!(is_stop_word_prefix("кото"));
    assert!(!is_stop_word_prefix("vpn"));
    assert!(!is_stop_word_prefix(""));
    for lang in [Language::En, Language::Fr, Language::Ru] {
        let words = stop_words(lang);
        assert!(
            (100..=200).contains(&words.len()),
            "{lang:?}: {}",
            words.len()
        );
        for w in words {
            assert_eq!(w, w.to_lowercase(), "{lang:?}: lowercase");
            assert!(!w.contains('ё'), "{lang:?}: {w} with ё");
        }
    }
    assert!(stop_words(Language::ZhCn).is_empty());
    // The index and an explicit search keep them: a person who types them gets what they asked.
    assert!(matches("The Who live", Some(Language::En), "the who"));
}

/// The words of `text`, without the punctuation around them.
fn words_of(text: &str) -> Vec<String> {
    text.split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()).to_string())
        .filter(|w| !w.is_empty())
        .collect()
}

#[test]
fn snippets_start_and_end_on_whole_words() {
    let vocabulary = [
        "configuration",
        "of",
        "the",
        "network",
        "adapter",
        "synchronisation",
        "is",
        "reset,",
        "then",
        "restart",
    ];
    let filler: Vec<String> = (0..120)
        .map(|i| vocabulary[(i * 7 + i / 3) % vocabulary.len()].to_string())
        .collect();
    let words: Vec<&str> = vocabulary.iter().map(|w| w.trim_end_matches(',')).collect();
    // The match at every place of the text: the window's ends fall anywhere in a word.
    for at in (10..110).step_by(3) {
        let mut all = filler.clone();
        all[at] = "printer".into();
        let text = all.join(" ");
        let q = SearchQuery::parse("printer").expect("query");
        let parts = snippet(&text, &q);
        assert_eq!(highlighted(&parts), vec!["printer"]);
        let shown: String = parts.iter().map(|p| p.text.as_str()).collect();
        let inner = shown.trim_start_matches('…').trim_end_matches('…');
        assert!(
            !inner.starts_with(' ') && !inner.ends_with(' '),
            "{shown:?}"
        );
        let shown_words = words_of(inner);
        for w in [shown_words.first(), shown_words.last()] {
            let w = w.expect("words");
            assert!(
                w == "printer" || words.contains(&w.as_str()),
                "{w:?} cut in {shown:?}"
            );
        }
        assert!(shown.chars().count() <= SNIPPET_CHARS + 2, "{shown}");
    }
    // Without a match, the start of the text, cut after a whole word too.
    let text = filler.join(" ");
    let parts = snippet(&text, &SearchQuery::parse("absent").expect("query"));
    let shown: String = parts.iter().map(|p| p.text.as_str()).collect();
    assert!(shown.ends_with('…'), "{shown}");
    let last = words_of(shown.trim_end_matches('…'));
    assert!(
        words.contains(&last.last().expect("words").as_str()),
        "{shown}"
    );
    // Chinese has no spaces: any character is a place to cut.
    let text = "打印机无法连接网络".repeat(40);
    let parts = snippet(&text, &SearchQuery::parse("网络").expect("query"));
    let shown: String = parts.iter().map(|p| p.text.as_str()).collect();
    assert!(shown.chars().count() > SNIPPET_CHARS / 2, "{shown}");
    assert!(shown.chars().count() <= SNIPPET_CHARS + 2, "{shown}");
}
