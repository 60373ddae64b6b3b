//! Markdown rendered for the web, then sanitised: pulldown-cmark turns an article's parts into
//! HTML and ammonia keeps only an allow-list of tags, attributes and URL schemes, so an
//! article can never carry a script, an event handler or a `javascript:` link to its readers.
//! The same parse gives the plain text that search indexes and cuts snippets from.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd, html};

/// The Markdown extensions articles are written with.
const OPTIONS: Options = Options::ENABLE_TABLES
    .union(Options::ENABLE_STRIKETHROUGH)
    .union(Options::ENABLE_TASKLISTS)
    .union(Options::ENABLE_FOOTNOTES);

/// Renders Markdown as sanitised HTML.
pub fn render(markdown: &str) -> String {
    let mut raw = String::new();
    html::push_html(&mut raw, Parser::new_ext(markdown, OPTIONS));
    ammonia::Builder::default()
        .link_rel(Some("noopener noreferrer nofollow"))
        .clean(&raw)
        .to_string()
}

/// Whether a tag is inline (its text runs on within the line) rather than a block.
fn inline(tag: &Tag<'_>) -> bool {
    matches!(
        tag,
        Tag::Emphasis
            | Tag::Strong
            | Tag::Strikethrough
            | Tag::Superscript
            | Tag::Subscript
            | Tag::Link { .. }
            | Tag::Image { .. }
    )
}

fn inline_end(tag: &TagEnd) -> bool {
    matches!(
        tag,
        TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
            | TagEnd::Superscript
            | TagEnd::Subscript
            | TagEnd::Link
            | TagEnd::Image
    )
}

fn new_line(out: &mut String) {
    let kept = out.trim_end_matches([' ', '\t']).len();
    out.truncate(kept);
    if !out.is_empty() && !out.ends_with('\n') {
        out.push('\n');
    }
}

/// The text of Markdown without its markup: the words of paragraphs, headings, list items,
/// table cells and code, a line break between blocks (and list items); a link keeps its text,
/// an image its alt text; HTML is left out. What search indexes, so that a snippet shows
/// `Connect`, not `**Connect**`.
pub fn plain_text(markdown: &str) -> String {
    let mut out = String::with_capacity(markdown.len());
    for event in Parser::new_ext(markdown, OPTIONS) {
        match event {
            Event::Text(t) | Event::Code(t) | Event::InlineMath(t) | Event::DisplayMath(t) => {
                out.push_str(&t);
            }
            Event::SoftBreak => out.push(' '),
            Event::HardBreak | Event::Rule => new_line(&mut out),
            Event::Start(Tag::TableCell) | Event::End(TagEnd::TableCell) => {
                if !out.is_empty() && !out.ends_with(char::is_whitespace) {
                    out.push(' ');
                }
            }
            Event::Start(tag) if !inline(&tag) => new_line(&mut out),
            Event::End(tag) if !inline_end(&tag) => new_line(&mut out),
            Event::Start(_)
            | Event::End(_)
            | Event::Html(_)
            | Event::InlineHtml(_)
            | Event::FootnoteReference(_)
            | Event::TaskListMarker(_) => {}
        }
    }
    out.trim_end().to_string()
}

#[cfg(test)]
mod tests {
    use super::{plain_text, render};

    #[test]
    fn markdown_becomes_plain_text() {
        let text = plain_text(
            "# Reconnect the VPN\n\n\
             1. Click **Connect** and wait for *Connected*.\n\
             2. Choose *Send automatic replies*, then `vpn --reset`.\n\n\
             > A __quote__ with a [link to the portal](https://example.org/portal)\n\n\
             ![The green shield](shield.png) <b>bold</b> <script>alert(1)</script>\n\n\
             ```\nipconfig /all\n```\n\n\
             | Step | Result |\n|---|---|\n| ~~Reboot~~ | Works |\n\n\
             ***\n\n- [x] Done\n- Also done",
        );
        for markup in [
            "*", "#", "`", "[", "](", "!", ">", "|", "~", "<b>", "https://", "- ",
        ] {
            assert!(!text.contains(markup), "{markup} in {text:?}");
        }
        for kept in [
            "Reconnect the VPN",
            "Click Connect and wait for Connected.",
            "Choose Send automatic replies, then vpn --reset.",
            "A quote with a link to the portal",
            "The green shield bold",
            "ipconfig /all",
            "Reboot Works",
            "Done\nAlso done",
        ] {
            assert!(text.contains(kept), "{kept:?} not in {text:?}");
        }
        // Blocks and list items on lines of their own, never glued together.
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[0], "Reconnect the VPN", "{text:?}");
        assert!(
            lines.contains(&"Click Connect and wait for Connected."),
            "{text:?}"
        );
        assert!(!text.contains("\n\n"), "{text:?}");
        assert_eq!(plain_text(""), "");
        assert_eq!(plain_text("Just *one* line"), "Just one line");
    }

    #[test]
    fn markdown_becomes_html() {
        let html = render(
            "# Reset\n\n1. Open **Settings**\n2. Click `Reset`\n\n| a | b |\n|---|---|\n| 1 | 2 |",
        );
        assert!(html.contains("<h1>Reset</h1>"), "{html}");
        assert!(
            html.contains("<ol>") && html.contains("<strong>Settings</strong>"),
            "{html}"
        );
        assert!(html.contains("<code>Reset</code>"), "{html}");
        assert!(html.contains("<table>"), "{html}");
    }

    #[test]
    fn scripts_are_removed() {
        let html = render(
            "Hello <script>alert('x')</script> world\n\n<script src=\"https://evil.example/x.js\"></script>",
        );
        assert!(!html.to_lowercase().contains("<script"), "{html}");
        assert!(!html.contains("alert("), "{html}");
        assert!(html.contains("Hello"), "{html}");
    }

    #[test]
    fn event_handlers_are_removed() {
        let html = render(
            "<img src=\"x.png\" onerror=\"alert(1)\"> <a href=\"https://example.org\" onclick=\"steal()\">link</a> <div onmouseover=\"x()\">hover</div>",
        );
        let lower = html.to_lowercase();
        for attr in ["onerror", "onclick", "onmouseover"] {
            assert!(!lower.contains(attr), "{attr} in {html}");
        }
        assert!(html.contains("https://example.org"), "{html}");
    }

    #[test]
    fn javascript_links_are_removed() {
        for md in [
            "[click](javascript:alert(1))",
            "<a href=\"javascript:alert(1)\">click</a>",
            "<a href=\"JaVaScRiPt:alert(1)\">click</a>",
            "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        ] {
            let html = render(md);
            let lower = html.to_lowercase();
            assert!(!lower.contains("javascript:"), "{md} -> {html}");
            assert!(!lower.contains("data:text/html"), "{md} -> {html}");
            assert!(html.contains("click"), "{md} -> {html}");
        }
        let safe = render("[docs](https://example.org/help)");
        assert!(safe.contains("href=\"https://example.org/help\""), "{safe}");
        assert!(
            safe.contains("rel=\"noopener noreferrer nofollow\""),
            "{safe}"
        );
    }

    #[test]
    fn styles_and_frames_are_removed() {
        let html = render(
            "<iframe src=\"https://evil.example\"></iframe><style>body{display:none}</style><p style=\"color:red\">text</p>",
        );
        let lower = html.to_lowercase();
        assert!(
            !lower.contains("<iframe") && !lower.contains("<style") && !lower.contains("style="),
            "{html}"
        );
        assert!(html.contains("text"), "{html}");
    }
}
