//! Latency and throughput statistics for `escalade bench`: exact nearest-rank percentiles
//! computed over every recorded sample (no histogram buckets, no sampling), so the
//! published figures can be checked by hand against the raw latencies.

use std::time::Duration;

use serde::Serialize;

/// The latency distribution of one scenario run, in milliseconds.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct LatencySummary {
    pub p50: f64,
    pub p95: f64,
    pub p99: f64,
    pub max: f64,
    pub mean: f64,
}

/// Nearest-rank percentile of an ascending slice: the smallest sample such that at least
/// `pct` percent of the samples are less than or equal to it.
///
/// The percentile is an integer so the rank is computed in exact integer arithmetic;
/// `0.95 * 100.0` style float products can land on the wrong side of a rank boundary.
pub fn percentile(sorted: &[f64], pct: u32) -> Option<f64> {
    if sorted.is_empty() || pct > 100 {
        return None;
    }
    let rank = (pct as usize * sorted.len()).div_ceil(100).max(1);
    sorted.get(rank - 1).copied()
}

/// Summarises latency samples (milliseconds, any order); `None` when there are none.
pub fn summarize(mut samples: Vec<f64>) -> Option<LatencySummary> {
    if samples.is_empty() {
        return None;
    }
    samples.sort_by(f64::total_cmp);
    let mean = samples.iter().sum::<f64>() / samples.len() as f64;
    Some(LatencySummary {
        p50: percentile(&samples, 50)?,
        p95: percentile(&samples, 95)?,
        p99: percentile(&samples, 99)?,
        max: *samples.last()?,
        mean,
    })
}

/// Requests per second over a wall-clock interval; zero for an empty interval rather than
/// infinity, which JSON cannot represent.
pub fn throughput(count: u64, elapsed: Duration) -> f64 {
    let secs = elapsed.as_secs_f64();
    if secs > 0.0 { count as f64 / secs } else { 0.0 }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one_to(n: u32) -> Vec<f64> {
        (1..=n).map(f64::from).collect()
    }

    #[test]
    fn one_to_hundred_gives_textbook_percentiles() {
        let s = summarize(one_to(100)).expect("samples");
        assert_eq!(s.p50, 50.0);
        assert_eq!(s.p95, 95.0);
        assert_eq!(s.p99, 99.0);
        assert_eq!(s.max, 100.0);
        assert_eq!(s.mean, 50.5);
    }

    #[test]
    fn order_of_samples_does_not_matter() {
        let mut samples = one_to(100);
        samples.reverse();
        samples.swap(3, 70);
        let s = summarize(samples).expect("samples");
        assert_eq!((s.p50, s.p95, s.p99, s.max), (50.0, 95.0, 99.0, 100.0));
    }

    #[test]
    fn small_samples_round_the_rank_up() {
        let sorted = [10.0, 20.0, 30.0];
        assert_eq!(percentile(&sorted, 50), Some(20.0));
        assert_eq!(percentile(&sorted, 99), Some(30.0));
        assert_eq!(percentile(&sorted, 0), Some(10.0));
        assert_eq!(percentile(&sorted, 100), Some(30.0));
        assert_eq!(percentile(&one_to(10), 95), Some(10.0));
        assert_eq!(percentile(&one_to(1000), 99), Some(990.0));
    }

    #[test]
    fn single_sample_is_every_percentile() {
        let s = summarize(vec![7.25]).expect("one sample");
        assert_eq!(
            (s.p50, s.p95, s.p99, s.max, s.mean),
            (7.25, 7.25, 7.25, 7.25, 7.25)
        );
    }

    #[test]
    fn no_samples_no_summary() {
        assert_eq!(summarize(Vec::new()), None);
        assert_eq!(percentile(&[], 50), None);
        assert_eq!(percentile(&[1.0], 101), None);
    }

    #[test]
    fn throughput_is_count_over_seconds() {
        assert_eq!(throughput(2000, Duration::from_millis(500)), 4000.0);
        assert_eq!(throughput(10, Duration::ZERO), 0.0);
    }
}
