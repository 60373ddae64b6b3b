//! Threading decisions for inbound mail (to be written).
