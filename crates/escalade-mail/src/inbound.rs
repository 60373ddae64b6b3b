//! Reading inbound RFC 5322 messages (to be written).
