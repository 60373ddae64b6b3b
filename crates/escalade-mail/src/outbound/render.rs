//! Layout of a letter: plain text, and HTML that every mail client shows the same (inline
//! styles, no remote images or style sheets, everything escaped by the template engine).

use askama::Template;

use super::letter::Letter;

/// A paragraph split at its line breaks, so that the template can escape each line and
/// join them with `<br>`.
struct Para {
    lines: Vec<String>,
}

fn paragraphs(text: &str) -> Vec<Para> {
    let mut out = Vec::new();
    let normalised = text.replace("\r\n", "\n");
    for block in normalised.split("\n\n") {
        let lines: Vec<String> = block.lines().map(str::to_string).collect();
        if lines.iter().any(|l| !l.trim().is_empty()) {
            out.push(Para { lines });
        }
    }
    out
}

#[derive(Template)]
#[template(path = "outbound.html")]
struct HtmlLetter<'a> {
    l: &'a Letter,
    quote: Vec<Para>,
}

/// The plain-text part.
pub(super) fn text(l: &Letter) -> String {
    let mut out = String::new();
    out.push_str(&l.greeting);
    out.push_str("\n\n");
    for p in &l.intro {
        out.push_str(p);
        out.push_str("\n\n");
    }
    if let Some(q) = &l.quote {
        out.push_str(q.replace("\r\n", "\n").trim_end());
        out.push_str("\n\n");
    }
    for p in &l.outro {
        out.push_str(p);
        out.push_str("\n\n");
    }
    for link in &l.links {
        out.push_str(&format!("{}: {}\n", link.label, link.url));
    }
    if !l.links.is_empty() {
        out.push('\n');
    }
    out.push_str(&l.signature);
    // "-- " opens a signature block that mail clients fold away and leave out of quotes.
    out.push_str("\n\n-- \n");
    out.push_str(&l.footer.join("\n"));
    out.push('\n');
    out
}

/// The HTML part.
pub(super) fn html(l: &Letter) -> Result<String, askama::Error> {
    HtmlLetter {
        l,
        quote: l.quote.as_deref().map(paragraphs).unwrap_or_default(),
    }
    .render()
}
