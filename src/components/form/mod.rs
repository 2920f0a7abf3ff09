//! Inputs: a labelled text field, a field's error, the list filter, a searchable checklist.

pub mod checklist;
pub mod field_error;
pub mod filter_box;
pub mod text_field;
