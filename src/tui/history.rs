//! Undo and redo: snapshots of the annotation document taken before each change. Documents
//! hold only annotations (never the article text), so snapshots stay small.

use crate::model::AnnotationDoc;

/// Snapshots kept for undo (oldest are dropped first).
const MAX_UNDO: usize = 500;

/// One undoable step: the document before it, what it was, and where it happened.
#[derive(Debug, Clone)]
pub struct Step {
    /// The document before (for undo) or after (for redo) the change.
    pub doc: AnnotationDoc,
    /// Label shown when it is undone or redone.
    pub label: String,
    /// Paragraph to return to.
    pub para: usize,
}

/// Undo and redo stacks.
#[derive(Debug, Clone, Default)]
pub struct History {
    undo: Vec<Step>,
    redo: Vec<Step>,
    changes: u64,
}

impl History {
    /// How many times the document changed through the history (each change recorded,
    /// undone or redone): a revision number for what is computed from the document.
    #[must_use]
    pub fn changes(&self) -> u64 {
        self.changes
    }

    /// Record the document as it was before a change; clears redo.
    pub fn record(&mut self, before: AnnotationDoc, label: String, para: usize) {
        self.changes += 1;
        self.undo.push(Step {
            doc: before,
            label,
            para,
        });
        if self.undo.len() > MAX_UNDO {
            self.undo.remove(0);
        }
        self.redo.clear();
    }

    /// Undo: give back the earlier document, keeping `current` for redo.
    pub fn undo(&mut self, current: &AnnotationDoc) -> Option<Step> {
        let step = self.undo.pop()?;
        self.changes += 1;
        self.redo.push(Step {
            doc: current.clone(),
            label: step.label.clone(),
            para: step.para,
        });
        Some(step)
    }

    /// Redo: give back the later document, keeping `current` for undo.
    pub fn redo(&mut self, current: &AnnotationDoc) -> Option<Step> {
        let step = self.redo.pop()?;
        self.changes += 1;
        self.undo.push(Step {
            doc: current.clone(),
            label: step.label.clone(),
            para: step.para,
        });
        Some(step)
    }
}
