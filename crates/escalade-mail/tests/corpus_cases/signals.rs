//! External identifiers of monitoring and ticketing systems; loop markers and hop counts.

use escalade_mail::inbound::read;

use crate::corpus;

#[test]
fn external_identifiers_from_headers_subjects_and_zabbix_bodies() {
    let cases = [
        (
            "monitoring_alert_header.eml",
            "x-alert-id",
            "prom-7f3a9c",
            false,
        ),
        (
            "monitoring_zabbix.eml",
            "body:original-problem-id",
            "4711",
            false,
        ),
        (
            "monitoring_zabbix_resolved.eml",
            "body:original-problem-id",
            "4711",
            true,
        ),
        ("nagios_problem.eml", "nagios", "web1/HTTP", false),
        ("nagios_recovery.eml", "nagios", "web1/HTTP", true),
        (
            "foreign_ticket_otrs.eml",
            "subject:ticket#",
            "2026030510000011",
            false,
        ),
    ];
    for (file, source, value, recovery) in cases {
        let raw = corpus(file);
        let id = read(&raw)
            .unwrap()
            .external_id
            .unwrap_or_else(|| panic!("{file}"));
        assert_eq!(
            (id.source.as_str(), id.value.as_str(), id.recovery),
            (source, value, recovery),
            "{file}"
        );
    }
    let raw = corpus("monitoring_zabbix.eml");
    let id = read(&raw).unwrap().external_id.unwrap();
    assert_eq!(id.sender_domain, "monitoring.example.org");
    assert_eq!(
        id.key(),
        "monitoring.example.org|body:original-problem-id|4711"
    );
    assert_eq!(
        read(&corpus("gmail_reply_en.eml")).unwrap().external_id,
        None
    );
}

#[test]
fn loop_marker_and_hop_count() {
    let raw = corpus("loop_marker.eml");
    let m = read(&raw).unwrap();
    assert_eq!(m.loop_markers, ["desk-1"]);
    assert!(m.carries_loop_marker("desk-1") && !m.carries_loop_marker("desk-2"));
    let raw = corpus("too_many_hops.eml");
    assert_eq!(read(&raw).unwrap().received_count, 46);
}
