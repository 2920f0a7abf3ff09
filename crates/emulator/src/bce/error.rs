use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use palisade_core::bce::common::ErrorBody;
use palisade_core::codes::ErrorCode;
use palisade_core::validate::Problem;

use crate::StoreError;

/// An error answer in Baidu's form: the documented status and `{requestId, code, message}`.
#[derive(Debug)]
pub struct BceError {
    pub code: &'static ErrorCode,
    pub message: String,
}

impl BceError {
    pub fn new(code: &'static ErrorCode) -> Self {
        Self { code, message: code.description.to_owned() }
    }

    pub fn with_message(code: &'static ErrorCode, message: &str) -> Self {
        Self { code, message: message.to_owned() }
    }

    pub fn into_response_with(self, request_id: &str) -> Response {
        let body = ErrorBody { request_id: request_id.to_owned(), code: self.code.code.to_owned(), message: self.message };
        let status = StatusCode::from_u16(self.code.status).unwrap_or(StatusCode::BAD_REQUEST);
        (status, [("content-type", "application/json;charset=UTF-8")], serde_json::to_string(&body).unwrap_or_default()).into_response()
    }
}

impl From<Problem> for BceError {
    fn from(p: Problem) -> Self {
        Self { code: p.code, message: p.message() }
    }
}

impl From<rusqlite::Error> for BceError {
    fn from(e: rusqlite::Error) -> Self {
        StoreError::from(e).into()
    }
}

impl From<serde_json::Error> for BceError {
    fn from(e: serde_json::Error) -> Self {
        StoreError::from(e).into()
    }
}

/// A store failure is the one case that may answer 500: it is not the client's doing.
impl From<StoreError> for BceError {
    fn from(e: StoreError) -> Self {
        tracing::error!("{e}");
        Self::with_message(&palisade_core::codes::INTERNAL_ERROR, "the emulator's state store failed")
    }
}
