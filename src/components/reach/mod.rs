//! "Test a connection": the form, the verdict, and the whole test for an instance or a
//! card's groups.

pub mod connection_form;
pub mod connection_test;
pub mod resource_test;
