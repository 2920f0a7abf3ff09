use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use palisade_core::codes::ErrorCode;
use palisade_core::huawei::ErrorBody;
use palisade_core::validate::Problem;

use crate::StoreError;

/// An error answer in Huawei's v3 form: `{request_id, error_code, error_msg}`.
#[derive(Debug)]
pub struct HwError {
    pub code: &'static ErrorCode,
    pub message: String,
}

impl HwError {
    pub fn new(code: &'static ErrorCode) -> Self {
        Self { code, message: code.description.to_owned() }
    }

    pub fn with_message(code: &'static ErrorCode, message: &str) -> Self {
        Self { code, message: message.to_owned() }
    }

    pub fn into_response_with(self, request_id: &str) -> Response {
        let body = ErrorBody { request_id: request_id.to_owned(), error_code: self.code.code.to_owned(), error_msg: self.message };
        let status = StatusCode::from_u16(self.code.status).unwrap_or(StatusCode::BAD_REQUEST);
        (status, [("content-type", "application/json;charset=UTF-8")], serde_json::to_string(&body).unwrap_or_default()).into_response()
    }
}

impl From<Problem> for HwError {
    fn from(p: Problem) -> Self {
        Self { code: p.code, message: format!("Invalid {}: {}", p.path(), p.code.description) }
    }
}

impl From<StoreError> for HwError {
    fn from(e: StoreError) -> Self {
        tracing::error!("{e}");
        Self::new(&palisade_core::codes::HW_INTERNAL)
    }
}

impl From<rusqlite::Error> for HwError {
    fn from(e: rusqlite::Error) -> Self {
        StoreError::from(e).into()
    }
}

impl From<serde_json::Error> for HwError {
    fn from(e: serde_json::Error) -> Self {
        StoreError::from(e).into()
    }
}
