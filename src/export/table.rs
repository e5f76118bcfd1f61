//! JSONL and CSV writers of the flat claim dataset.

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
    /// `"name":` of each column, JSON-escaped once.
    json_keys: Vec<String>,
    kind: TableKind,
}

impl TableRenderer {
    /// A renderer for `schema`.
    ///
    /// # Errors
    /// [`ExportError::Invalid`] when the schema's attributes clash with fixed columns.
    pub fn new(schema: &Schema, kind: TableKind) -> Result<Self, ExportError> {
        let columns = Columns::new(schema).map_err(ExportError::Invalid)?;
        let json_keys = columns
            .names()
            .iter()
            .map(|n| format!("{}:", serde_json::Value::from(n.as_str())))
            .collect();
        Ok(Self {
            schema: schema.clone(),
            columns,
            json_keys,
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

/// Append one JSON object: keys are pre-escaped, values escaped by `serde_json`.
fn write_json(out: &mut Vec<u8>, keys: &[String], row: &[Cell<'_>]) -> Result<(), ExportError> {
    out.push(b'{');
    for (i, (key, cell)) in keys.iter().zip(row).enumerate() {
        if i > 0 {
            out.push(b',');
        }
        out.extend_from_slice(key.as_bytes());
        match cell {
            Cell::Null => out.extend_from_slice(b"null"),
            Cell::Str(s) => serde_json::to_writer(&mut *out, s.as_ref())
                .map_err(|e| ExportError::Invalid(format!("json: {e}")))?,
            Cell::Int(n) => out.extend_from_slice(n.to_string().as_bytes()),
            Cell::Bool(b) => out.extend_from_slice(if *b { b"true" } else { b"false" }),
        }
    }
    out.extend_from_slice(b"}\n");
    Ok(())
}

fn to_field(cell: &Cell<'_>) -> String {
    match cell {
        Cell::Null => String::new(),
        Cell::Str(s) => s.to_string(),
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
                    None => write_json(&mut out, &self.json_keys, &row)?,
                }
            }
        }
        if let Some(w) = csv {
            out = w.into_inner().map_err(|e| csv_error(&e))?;
        }
        Ok(out)
    }
}
