//! Baidu AI Cloud wire types (JSON field names as the API and `bce-python-sdk` use them).
//! Optional fields are `Option`: the SDKs send unset fields as `null`, which means absent.

pub mod common;
pub mod endpoint;
pub mod esg;
pub mod instance;
pub mod security_group;
pub mod vpc;
