//! Server memory figures for `escalade bench --server-pid`: the peak (VmHWM) and current
//! (VmRSS) resident set size of the server process, read from Linux's /proc/<pid>/status.

use anyhow::{Context, Result, anyhow};
use serde::Serialize;

/// Resident set sizes in KiB, as the kernel reports them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ServerRss {
    pub peak: u64,
    pub current: u64,
}

/// Reads the memory figures of a process running on this machine.
pub fn read(pid: u32) -> Result<ServerRss> {
    let path = format!("/proc/{pid}/status");
    let text = std::fs::read_to_string(&path).with_context(|| {
        format!(
            "cannot read {path}: --server-pid must be the process id of an Escalade server \
             running on this machine (Linux only)"
        )
    })?;
    parse_status(&text).ok_or_else(|| {
        anyhow!(
            "{path} has no VmHWM/VmRSS lines: is process {pid} a kernel thread or a zombie \
             rather than the Escalade server?"
        )
    })
}

/// Extracts VmHWM and VmRSS from the text of a /proc/<pid>/status file.
pub fn parse_status(text: &str) -> Option<ServerRss> {
    let mut peak = None;
    let mut current = None;
    for line in text.lines() {
        if let Some(value) = line.strip_prefix("VmHWM:") {
            peak = parse_kib(value);
        } else if let Some(value) = line.strip_prefix("VmRSS:") {
            current = parse_kib(value);
        }
    }
    Some(ServerRss {
        peak: peak?,
        current: current?,
    })
}

/// Parses a value such as `"\t  126380 kB"`; the kernel always writes kB (meaning KiB).
fn parse_kib(value: &str) -> Option<u64> {
    let mut parts = value.split_whitespace();
    let number = parts.next()?.parse().ok()?;
    match parts.next() {
        Some("kB") | None => Some(number),
        Some(_) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "Name:\tescalade\nUmask:\t0022\nState:\tS (sleeping)\n\
        Tgid:\t4242\nPid:\t4242\nVmPeak:\t  912344 kB\nVmSize:\t  911000 kB\n\
        VmLck:\t       0 kB\nVmHWM:\t  126380 kB\nVmRSS:\t   98304 kB\n\
        RssAnon:\t   80000 kB\nThreads:\t9\n";

    #[test]
    fn reads_peak_and_current_rss() {
        assert_eq!(
            parse_status(SAMPLE),
            Some(ServerRss {
                peak: 126_380,
                current: 98_304
            })
        );
    }

    #[test]
    fn missing_lines_give_nothing() {
        assert_eq!(parse_status("Name:\tkworker/0:1\nState:\tI (idle)\n"), None);
        assert_eq!(parse_status("VmHWM:\t 10 kB\n"), None);
    }

    #[test]
    fn garbage_values_are_rejected() {
        assert_eq!(parse_status("VmHWM:\tlots kB\nVmRSS:\t1 kB\n"), None);
        assert_eq!(parse_status("VmHWM:\t1 MB\nVmRSS:\t1 kB\n"), None);
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn reads_this_test_process() {
        let rss = read(std::process::id()).expect("own /proc status");
        assert!(rss.peak >= rss.current && rss.current > 0);
    }
}
