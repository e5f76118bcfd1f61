//! Label Studio output is consistent with its labeling config: every `from_name` is a control
//! of the config, every label, choice and relation label is declared, region ids are unique per
//! annotation and per-region results share the geometry of their region.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;
use std::process::Command;

use serde_json::Value;

/// Controls of a config: name -> declared values (`None` for text areas), and relation labels.
fn controls(xml: &str) -> (BTreeMap<String, Option<BTreeSet<String>>>, BTreeSet<String>) {
    let attr = |tag: &str, name: &str| -> Option<String> {
        let start = tag.find(&format!(" {name}=\""))? + name.len() + 3;
        let end = start + tag[start..].find('"')?;
        Some(tag[start..end].to_owned())
    };
    let mut map = BTreeMap::new();
    let mut relations = BTreeSet::new();
    let mut current: Option<String> = None;
    for line in xml.lines().map(str::trim) {
        if line.starts_with("<Labels ") || line.starts_with("<Choices ") {
            let name = attr(line, "name").expect("control name");
            map.insert(name.clone(), Some(BTreeSet::new()));
            current = Some(name);
        } else if line.starts_with("<TextArea ") {
            map.insert(attr(line, "name").expect("textarea name"), None);
        } else if line.starts_with("<Label ") || line.starts_with("<Choice ") {
            let value = attr(line, "value").expect("value");
            let name = current.as_ref().expect("inside a control");
            if let Some(Some(values)) = map.get_mut(name) {
                values.insert(value);
            }
        } else if line.starts_with("<Relation ") {
            relations.insert(attr(line, "value").expect("relation value"));
        } else if line.starts_with("</Labels") || line.starts_with("</Choices") {
            current = None;
        }
    }
    (map, relations)
}

#[test]
fn tasks_only_use_what_the_config_declares() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("tasks.json");
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-data");
    let status = Command::new(env!("CARGO_BIN_EXE_marginalia"))
        .args([
            "export",
            sample.to_str().expect("utf-8"),
            "-f",
            "label-studio",
            "-o",
        ])
        .arg(&out)
        .output()
        .expect("run");
    assert!(
        status.status.success(),
        "{}",
        String::from_utf8_lossy(&status.stderr)
    );
    let xml = std::fs::read_to_string(dir.path().join("tasks.config.xml")).expect("config");
    assert!(xml.contains("<Text name=\"text\" value=\"$text\"/>"));
    let (controls, relation_labels) = controls(&xml);
    let tasks: Value =
        serde_json::from_str(&std::fs::read_to_string(&out).expect("tasks")).expect("json");
    let users: HashMap<String, u64> = serde_json::from_str(
        &std::fs::read_to_string(dir.path().join("tasks.annotators.json")).expect("users"),
    )
    .expect("users json");
    let mut checked = 0;
    for task in tasks.as_array().expect("array") {
        for ann in task["annotations"].as_array().expect("annotations") {
            let user = ann["completed_by"].as_u64().expect("user id");
            assert!(users.values().any(|&u| u == user));
            let mut regions: HashMap<&str, (&Value, &Value)> = HashMap::new();
            let results = ann["result"].as_array().expect("result");
            for r in results.iter().filter(|r| r["type"] == "labels") {
                let id = r["id"].as_str().expect("id");
                let geometry = (&r["value"]["start"], &r["value"]["end"]);
                assert!(
                    regions.insert(id, geometry).is_none(),
                    "duplicate region {id}"
                );
            }
            for r in results {
                checked += 1;
                if r["type"] == "relation" {
                    assert!(regions.contains_key(r["from_id"].as_str().expect("from")));
                    assert!(regions.contains_key(r["to_id"].as_str().expect("to")));
                    for label in r["labels"].as_array().expect("labels") {
                        assert!(relation_labels.contains(label.as_str().expect("label")));
                    }
                    continue;
                }
                assert_eq!(r["to_name"], "text");
                let name = r["from_name"].as_str().expect("from_name");
                let declared = controls
                    .get(name)
                    .unwrap_or_else(|| panic!("control {name} not in the config"));
                let region = regions[r["id"].as_str().expect("id")];
                assert_eq!((&r["value"]["start"], &r["value"]["end"]), region);
                let key = match r["type"].as_str().expect("type") {
                    "labels" => "labels",
                    "choices" => "choices",
                    "textarea" => {
                        assert!(declared.is_none(), "{name} should be a TextArea");
                        continue;
                    }
                    other => panic!("unexpected result type {other}"),
                };
                let values = declared.as_ref().expect("values");
                for v in r["value"][key].as_array().expect("values") {
                    assert!(values.contains(v.as_str().expect("value")), "{name}: {v}");
                }
            }
        }
    }
    assert!(checked > 500, "{checked}");
}
