//! JSONL and CSV writers of the flat claim dataset.

use serde_json::{Map, Value};

use crate::export::columns::{Cell, Columns};
use crate::export::{ExportDoc, ExportError, Renderer};
use crate::model::Schema;

/// Which table format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TableKind {
    /// One JSON object per line.
    Jsonl,
    /// RFC 4180 CSV with a header row and LF line ends.
    Csv,
}

/// Renders the claim rows of each document.
#[derive(Debug, Clone)]
pub struct TableRenderer {
    schema: Schema,
    columns: Columns,
    kind: TableKind,
}

impl TableRenderer {
    /// A renderer for `schema`.
    ///
    /// # Errors
    /// [`ExportError::Invalid`] when the schema's attributes clash with fixed columns.
    pub fn new(schema: &Schema, kind: TableKind) -> Result<Self, ExportError> {
        Ok(Self {
            schema: schema.clone(),
            columns: Columns::new(schema).map_err(ExportError::Invalid)?,
            kind,
        })
    }

    fn csv_writer() -> csv::Writer<Vec<u8>> {
        csv::WriterBuilder::new()
            .has_headers(false)
            .terminator(csv::Terminator::Any(b'\n'))
            .from_writer(Vec::new())
    }
}

fn to_json(cell: Cell) -> Value {
    match cell {
        Cell::Null => Value::Null,
        Cell::Str(s) => Value::String(s),
        Cell::Int(i) => Value::from(i),
        Cell::Bool(b) => Value::Bool(b),
    }
}

fn to_field(cell: &Cell) -> String {
    match cell {
        Cell::Null => String::new(),
        Cell::Str(s) => s.clone(),
        Cell::Int(i) => i.to_string(),
        Cell::Bool(b) => b.to_string(),
    }
}

fn csv_error(e: &dyn std::fmt::Display) -> ExportError {
    ExportError::Invalid(format!("csv: {e}"))
}

impl Renderer for TableRenderer {
    fn header(&self) -> Vec<u8> {
        match self.kind {
            TableKind::Jsonl => Vec::new(),
            TableKind::Csv => {
                let mut w = Self::csv_writer();
                // Writing to a Vec cannot fail.
                let _ = w.write_record(self.columns.names());
                w.into_inner().unwrap_or_default()
            }
        }
    }

    fn render(&self, doc: &ExportDoc) -> Result<Vec<u8>, ExportError> {
        let mut out = Vec::new();
        let mut csv = (self.kind == TableKind::Csv).then(Self::csv_writer);
        for ann in &doc.annotations {
            for row in self
                .columns
                .rows(&self.schema, &doc.doc_id, &doc.article, ann)
            {
                match &mut csv {
                    Some(w) => w
                        .write_record(row.iter().map(to_field))
                        .map_err(|e| csv_error(&e))?,
                    None => {
                        let object: Map<String, Value> = self
                            .columns
                            .names()
                            .iter()
                            .cloned()
                            .zip(row.into_iter().map(to_json))
                            .collect();
                        serde_json::to_writer(&mut out, &object)
                            .map_err(|e| ExportError::Invalid(format!("json: {e}")))?;
                        out.push(b'\n');
                    }
                }
            }
        }
        if let Some(w) = csv {
            out = w.into_inner().map_err(|e| csv_error(&e))?;
        }
        Ok(out)
    }
}
