//! Markdown rendered for the web, then sanitised: pulldown-cmark turns an article's parts into
//! HTML and ammonia keeps only an allow-list of tags, attributes and URL schemes, so an
//! article can never carry a script, an event handler or a `javascript:` link to its readers.

use pulldown_cmark::{Options, Parser, html};

/// Renders Markdown as sanitised HTML.
pub fn render(markdown: &str) -> String {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_FOOTNOTES;
    let mut raw = String::new();
    html::push_html(&mut raw, Parser::new_ext(markdown, options));
    ammonia::Builder::default()
        .link_rel(Some("noopener noreferrer nofollow"))
        .clean(&raw)
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::render;

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
