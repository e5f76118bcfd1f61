//! The domain model: articles, the schema, and the annotation document of one annotator.
//! Nothing here knows about the terminal or the file system layout of sidecars.

pub mod annotation;
pub mod article;
pub mod edit;
pub mod ron_error;
pub mod schema;
pub mod text;

pub use annotation::{
    Anchor, AnchorStatus, AnnotationDoc, ArticleRef, Attribution, Confidence, Entity, MadeBy,
    ParaStatus, RejectedSuggestion, Span,
};
pub use article::{Article, ArticleError, Paragraph};
pub use schema::{AttrDef, Level, Schema, SchemaError};
