//! Composing the desk's outbound messages (to be written).
