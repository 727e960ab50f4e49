//! sorn: System of Records Notices and Privacy Act exemption rules as code.

pub mod statute;
