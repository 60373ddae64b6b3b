//! The harness for the web UI over a real socket: a browser-like client that logs in through
//! the login form, keeps the session cookie, reads the form token from each page and posts
//! forms with it. Redirects are not followed, so tests see them.

use reqwest::header::{COOKIE, LOCATION, SET_COOKIE};

use crate::support::TestServer;

/// A page or form answer.
#[derive(Debug)]
pub struct Page {
    /// HTTP status.
    pub status: u16,
    /// Where a redirect points, if it is one.
    pub location: Option<String>,
    /// The HTML.
    pub body: String,
}

impl Page {
    /// Asserts the status and returns the page.
    pub fn expect(self, status: u16) -> Page {
        assert_eq!(
            self.status, status,
            "expected {status}, got {} (location {:?}): {}",
            self.status, self.location, self.body
        );
        self
    }

    /// The value of the first `name="csrf"` field on the page.
    pub fn csrf(&self) -> Option<String> {
        let at = self.body.find("name=\"csrf\" value=\"")?;
        let rest = &self.body[at + "name=\"csrf\" value=\"".len()..];
        rest.find('"').map(|end| rest[..end].to_string())
    }
}

/// A logged-in browser.
pub struct WebUser {
    client: reqwest::Client,
    base: String,
    cookie: String,
    /// The session's form token.
    pub csrf: String,
}

fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .no_proxy()
        .redirect(reqwest::redirect::Policy::none())
        .timeout(std::time::Duration::from_secs(60))
        .build()
        .expect("HTTP client")
}

async fn read(res: reqwest::Response) -> Page {
    let status = res.status().as_u16();
    let location = res
        .headers()
        .get(LOCATION)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    let body = res.text().await.expect("body");
    Page {
        status,
        location,
        body,
    }
}

impl TestServer {
    /// Posts the login form anonymously and returns the answer (for failure cases).
    pub async fn web_login_attempt(&self, login: &str, password: &str) -> Page {
        let res = client()
            .post(self.url("/login"))
            .form(&[("login", login), ("password", password), ("next", "/")])
            .send()
            .await
            .expect("login posted");
        read(res).await
    }

    /// An anonymous GET (with optional extra headers).
    pub async fn web_get_anon(&self, path: &str, headers: &[(&str, &str)]) -> Page {
        let mut rb = client().get(self.url(path));
        for (k, v) in headers {
            rb = rb.header(*k, *v);
        }
        read(rb.send().await.expect("GET sent")).await
    }

    /// Logs in through the login form and returns the browser with its session.
    pub async fn web_login(&self, login: &str, password: &str) -> WebUser {
        let client = client();
        let res = client
            .post(self.url("/login"))
            .form(&[("login", login), ("password", password), ("next", "/")])
            .send()
            .await
            .expect("login posted");
        assert_eq!(res.status().as_u16(), 303, "login of {login} failed");
        let cookie = res
            .headers()
            .get_all(SET_COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .find(|v| v.starts_with("escalade_session="))
            .and_then(|v| v.split(';').next())
            .expect("session cookie")
            .to_string();
        let mut user = WebUser {
            client,
            base: self.base.clone(),
            cookie,
            csrf: String::new(),
        };
        let page = user.get("/account").await.expect(200);
        user.csrf = page.csrf().expect("a form token on the account page");
        user
    }
}

impl WebUser {
    /// GET a page with the session.
    pub async fn get(&self, path: &str) -> Page {
        let res = self
            .client
            .get(format!("{}{path}", self.base))
            .header(COOKIE, &self.cookie)
            .send()
            .await
            .expect("GET sent");
        read(res).await
    }

    /// GET with the session, the answer as it came (headers and bytes).
    pub async fn get_response(&self, path: &str) -> reqwest::Response {
        self.client
            .get(format!("{}{path}", self.base))
            .header(COOKIE, &self.cookie)
            .send()
            .await
            .expect("GET sent")
    }

    /// Posts a form with the session's token added.
    pub async fn post(&self, path: &str, fields: &[(&str, &str)]) -> Page {
        let mut all: Vec<(&str, &str)> = vec![("csrf", self.csrf.as_str())];
        all.extend_from_slice(fields);
        self.post_raw(path, &all).await
    }

    /// Posts a form exactly as given (no token added), e.g. to test refusals.
    pub async fn post_raw(&self, path: &str, fields: &[(&str, &str)]) -> Page {
        let res = self
            .client
            .post(format!("{}{path}", self.base))
            .header(COOKIE, &self.cookie)
            .form(fields)
            .send()
            .await
            .expect("POST sent");
        read(res).await
    }

    /// Posts a multipart form (text fields and files) with the session's token added.
    #[allow(dead_code)] // for the pages with file inputs
    pub async fn post_multipart(
        &self,
        path: &str,
        fields: &[(&str, &str)],
        files: &[(&str, &str, &str, Vec<u8>)],
    ) -> Page {
        let mut form = reqwest::multipart::Form::new().text("csrf", self.csrf.clone());
        for (k, v) in fields {
            form = form.text(k.to_string(), v.to_string());
        }
        for (field, name, media, bytes) in files {
            let part = reqwest::multipart::Part::bytes(bytes.clone())
                .file_name(name.to_string())
                .mime_str(media)
                .expect("media type");
            form = form.part(field.to_string(), part);
        }
        let res = self
            .client
            .post(format!("{}{path}", self.base))
            .header(COOKIE, &self.cookie)
            .multipart(form)
            .send()
            .await
            .expect("POST sent");
        read(res).await
    }
}
