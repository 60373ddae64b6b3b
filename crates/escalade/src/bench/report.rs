//! The output of `escalade bench`: the results of each scenario run, the human table and the
//! JSON document that docs/PERFORMANCE.md figures are taken from.

use serde::Serialize;

use super::rss::ServerRss;
use super::stats::LatencySummary;

/// One scenario run at one concurrency.
#[derive(Debug, Clone, Serialize)]
pub struct ScenarioResult {
    pub scenario: &'static str,
    pub clients: usize,
    /// Requests sent, failed ones included.
    pub requests: u64,
    pub errors: u64,
    /// Successful requests per second of wall-clock time.
    pub throughput_per_s: f64,
    /// Over successful requests; `null` when none succeeded.
    pub latency_ms: Option<LatencySummary>,
    /// The first failure, for the stderr diagnosis; not part of the JSON figures.
    #[serde(skip)]
    pub first_error: Option<String>,
}

/// The whole JSON document.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub url: String,
    pub started_at: String,
    /// Tickets in the database when measuring began (after `--fill`).
    pub tickets_at_start: u64,
    pub results: Vec<ScenarioResult>,
    pub server_rss_kib: Option<ServerRss>,
}

impl Report {
    /// JSON with figures rounded to the microsecond (latency) and 0.1 request/s, since more
    /// digits are noise and make the document harder to diff between runs.
    pub fn to_json(&self) -> serde_json::Result<String> {
        let mut rounded = self.clone();
        for result in &mut rounded.results {
            result.throughput_per_s = round(result.throughput_per_s, 10.0);
            if let Some(l) = result.latency_ms.as_mut() {
                for value in [&mut l.p50, &mut l.p95, &mut l.p99, &mut l.max, &mut l.mean] {
                    *value = round(*value, 1000.0);
                }
            }
        }
        let mut text = serde_json::to_string_pretty(&rounded)?;
        text.push('\n');
        Ok(text)
    }

    /// The table printed for humans, RSS lines included when known.
    pub fn to_table(&self) -> String {
        // As wide as the longest scenario name ("ticket page"), at least "scenario".
        let w = self
            .results
            .iter()
            .map(|r| r.scenario.len())
            .chain([8])
            .max()
            .unwrap_or(8);
        let mut out = format!(
            "{:<w$} {:>8} {:>9} {:>7} {:>13} {:>8} {:>7} {:>7} {:>7} {:>8}\n",
            "scenario",
            "clients",
            "requests",
            "errors",
            "throughput/s",
            "p50 ms",
            "p95 ms",
            "p99 ms",
            "max ms",
            "mean ms"
        );
        for r in &self.results {
            let [p50, p95, p99, max, mean] = match &r.latency_ms {
                Some(l) => [l.p50, l.p95, l.p99, l.max, l.mean].map(|v| format!("{v:.2}")),
                None => std::array::from_fn(|_| "-".to_owned()),
            };
            out.push_str(&format!(
                "{:<w$} {:>8} {:>9} {:>7} {:>13.1} {:>8} {:>7} {:>7} {:>7} {:>8}\n",
                r.scenario,
                r.clients,
                r.requests,
                r.errors,
                r.throughput_per_s,
                p50,
                p95,
                p99,
                max,
                mean
            ));
        }
        if let Some(rss) = self.server_rss_kib {
            out.push_str(&format!("server peak RSS     {}\n", kib(rss.peak)));
            out.push_str(&format!("server current RSS  {}\n", kib(rss.current)));
        }
        out
    }
}

fn round(value: f64, scale: f64) -> f64 {
    (value * scale).round() / scale
}

fn kib(value: u64) -> String {
    format!("{:.1} MiB ({value} KiB)", value as f64 / 1024.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Report {
        Report {
            url: "http://127.0.0.1:8080".to_owned(),
            started_at: "2026-05-01T10:00:00Z".to_owned(),
            tickets_at_start: 1000,
            results: vec![
                ScenarioResult {
                    scenario: "create",
                    clients: 16,
                    requests: 2000,
                    errors: 0,
                    throughput_per_s: 2143.2345,
                    latency_ms: Some(LatencySummary {
                        p50: 6.91234,
                        p95: 12.02,
                        p99: 17.4,
                        max: 31.1,
                        mean: 7.5,
                    }),
                    first_error: None,
                },
                ScenarioResult {
                    scenario: "read",
                    clients: 1,
                    requests: 3,
                    errors: 3,
                    throughput_per_s: 0.0,
                    latency_ms: None,
                    first_error: Some("404 Not Found".to_owned()),
                },
            ],
            server_rss_kib: Some(ServerRss {
                peak: 2048,
                current: 1024,
            }),
        }
    }

    #[test]
    fn table_has_a_row_per_result_and_rss_lines() {
        let table = sample().to_table();
        let lines: Vec<&str> = table.lines().collect();
        assert_eq!(lines.len(), 5);
        assert_eq!(
            lines[0],
            "scenario  clients  requests  errors  throughput/s   p50 ms  p95 ms  p99 ms  max ms  mean ms"
        );
        assert_eq!(
            lines[1],
            "create         16      2000       0        2143.2     6.91   12.02   17.40   31.10     7.50"
        );
        assert!(lines[2].starts_with("read") && lines[2].ends_with(" -"));
        assert_eq!(lines[3], "server peak RSS     2.0 MiB (2048 KiB)");
    }

    #[test]
    fn long_scenario_names_widen_the_first_column() {
        let mut report = sample();
        report.results[1].scenario = "ticket page";
        let table = report.to_table();
        let lines: Vec<&str> = table.lines().collect();
        assert!(lines[0].starts_with("scenario     clients"));
        assert!(lines[1].starts_with("create            16"));
        assert!(lines[2].starts_with("ticket page        1"));
    }

    #[test]
    fn json_has_the_documented_shape() {
        let json: serde_json::Value =
            serde_json::from_str(&sample().to_json().expect("serialisable")).expect("valid");
        let first = &json["results"][0];
        assert_eq!(first["scenario"], "create");
        assert_eq!(first["clients"], 16);
        assert_eq!(first["throughput_per_s"], 2143.2);
        assert_eq!(first["latency_ms"]["p50"], 6.912);
        assert_eq!(first["latency_ms"]["mean"], 7.5);
        assert!(first.get("first_error").is_none());
        assert!(json["results"][1]["latency_ms"].is_null());
        assert_eq!(json["server_rss_kib"]["peak"], 2048);
        assert_eq!(json["url"], "http://127.0.0.1:8080");
    }
}
