//! One test per rule of brat's parser and verifier: each file below breaks exactly one rule of
//! a valid document, and the validator must name it.

use super::*;

const TXT: &str = "Ann said it rains.\nYes";

fn conf() -> Conf {
    Conf::parse(
        "[entities]\nSpeaker\nClaim\nCue\n[relations]\nAttributedTo\tArg1:Claim, Arg2:Speaker\n\
         Coref\tArg1:Speaker, Arg2:Speaker, <REL-TYPE>:symmetric-transitive\n\
         <OVERLAP>\tArg1:Claim, Arg2:Claim, <OVL-TYPE>:contain\n\
         [events]\nAttribution\tSource*:Speaker, Content:Claim\n\
         [attributes]\nStake\tArg:Attribution, Value:self|opponent\nNegated\tArg:Claim\n",
    )
    .expect("conf")
}

const VALID: &str = "T1\tSpeaker 0 3\tAnn\nT2\tCue 4 8\tsaid\nT3\tAttribution 4 8\tsaid\n\
                     T4\tClaim 9 17;19 22\tit rains Yes\nE1\tAttribution:T3 Source:T1 Content:T4\n\
                     A1\tStake E1 self\nA2\tNegated T4\n#1\tAnnotatorNotes T2\tok\n\
                     N1\tReference T1 Entity:E1\tAnn\n";

/// The problems of VALID with `extra` appended (or, with `replace`, VALID's line `from`
/// replaced by `to`).
fn problems_with(extra: &str) -> String {
    validate(TXT, &format!("{VALID}{extra}"), &conf()).join("\n")
}

fn problems_replacing(from: &str, to: &str) -> String {
    assert!(VALID.contains(from), "{from}");
    validate(TXT, &VALID.replacen(from, to, 1), &conf()).join("\n")
}

fn expect(problems: &str, needle: &str) {
    assert!(
        problems.contains(needle),
        "`{needle}` missing in:\n{problems}"
    );
}

#[test]
fn accepts_a_valid_file() {
    assert_eq!(validate(TXT, VALID, &conf()), Vec::<String>::new());
}

#[test]
fn text_with_cr() {
    expect(
        &validate("Ann\r\nsaid", "", &conf()).join("\n"),
        "contains CR",
    );
}

#[test]
fn ann_without_final_newline_and_empty_lines() {
    expect(&problems_with("\n"), "empty line");
    let no_newline = VALID.trim_end();
    expect(
        &validate(TXT, no_newline, &conf()).join("\n"),
        "does not end with a newline",
    );
}

#[test]
fn line_break_character_inside_a_line() {
    expect(
        &problems_with("#2\tAnnotatorNotes T1\ta\u{2028}b\n"),
        "line break",
    );
}

#[test]
fn no_tab_after_the_id() {
    expect(&problems_with("T9 Claim 0 3 Ann\n"), "no TAB after the id");
}

#[test]
fn invalid_id() {
    expect(&problems_with("9T\tClaim 0 3\tAnn\n"), "is not a valid id");
}

#[test]
fn duplicate_id() {
    expect(&problems_with("T1\tClaim 0 3\tAnn\n"), "duplicate id T1");
}

#[test]
fn unknown_id_letter() {
    expect(&problems_with("X1\tWhat T1\n"), "unknown annotation kind");
}

#[test]
fn fragment_offsets_not_integers_or_reversed() {
    expect(&problems_with("T9\tClaim 0 x\tAnn\n"), "bad offset");
    expect(&problems_with("T9\tClaim -1 3\tAnn\n"), "bad offset");
    expect(&problems_with("T9\tClaim 3 0\t\n"), "ends before it starts");
}

#[test]
fn offset_past_the_end() {
    expect(&problems_with("T9\tClaim 0 99\tAnn\n"), "past the end");
}

#[test]
fn fragments_overlap_or_touch() {
    expect(
        &problems_with("T9\tClaim 0 3;2 5\tAnn n s\n"),
        "overlap or touch",
    );
    // brat's test is `end >= ostart and start < oend` against each earlier fragment, so a
    // fragment ending where an earlier one starts counts, one starting where it ends does not.
    expect(
        &problems_with("T9\tClaim 3 5;0 3\t s Ann\n"),
        "overlap or touch",
    );
    assert!(!problems_with("T9\tClaim 0 3;3 5\tAnn  s\n").contains("overlap or touch"));
}

#[test]
fn text_missing_or_not_matching() {
    expect(&problems_with("T9\tClaim 0 3\t\n"), "missing text");
    expect(&problems_with("T9\tClaim 0 3\tBob\n"), "does not match");
    expect(&problems_with("T9\tClaim 0 3\n"), "without text");
}

#[test]
fn event_head_not_type_and_trigger() {
    expect(&problems_with("E9\tAttribution Source:T1\n"), "not ROLE:ID");
    expect(
        &problems_with("E9\tAttribution:T3:x Content:T4\n"),
        "not Type:Trigger",
    );
}

#[test]
fn relation_argument_count_and_roles() {
    expect(
        &problems_with("R9\tAttributedTo Arg1:T4\n"),
        "needs exactly two",
    );
    expect(
        &problems_with("R9\tAttributedTo Arg1:T4 Arg1:T1\n"),
        "roles must differ",
    );
}

#[test]
fn attribute_and_modifier_shape() {
    expect(&problems_with("A9\tStake\n"), "attribute needs");
    expect(
        &problems_with("A9\tStake E1 self extra\n"),
        "attribute needs",
    );
    expect(&problems_with("A9\tNegated 7\n"), "is not an id");
    expect(&problems_with("M9\tStake E1 self\n"), "modifier (M)");
}

#[test]
fn normalization_note_and_equivalence_shape() {
    expect(
        &problems_with("N9\tReference T1 Entity\tAnn\n"),
        "not DB:ENTRY",
    );
    expect(&problems_with("#9\tAnnotatorNotes\tx\n"), "note needs");
    expect(
        &problems_with("#9\tAnnotatorNotes T1 T2\tx\n"),
        "note needs",
    );
    expect(&problems_with("*\tCoref\n"), "without ids");
}

#[test]
fn reference_to_undefined_id() {
    expect(&problems_with("A9\tStake E7 self\n"), "unknown id E7");
}

#[test]
fn event_without_trigger_or_with_a_non_trigger() {
    expect(
        &problems_with("E9\tAttribution:T8 Content:T4\n"),
        "event without trigger",
    );
    expect(
        &problems_with("E9\tAttribution:T2 Content:T4\n"),
        "is not a T of type Attribution",
    );
}

#[test]
fn trigger_referenced_by_a_non_event() {
    // The defect brat reported on the old export: an attribute on the cue that is a trigger.
    expect(
        &problems_with("A9\tStake T3 self\n"),
        "trigger T3 referenced by non-event A9",
    );
    expect(
        &problems_with("#9\tAnnotatorNotes T3\tx\n"),
        "trigger T3 referenced by non-event #9",
    );
}

#[test]
fn undeclared_types() {
    expect(
        &problems_with("T9\tPerson 0 3\tAnn\n"),
        "type Person is not declared",
    );
    expect(
        &problems_with("T9\tMarry 4 8\tsaid\nE9\tMarry:T9\n"),
        "event type Marry is not declared",
    );
    expect(
        &problems_with("R9\tLocated Arg1:T4 Arg2:T1\n"),
        "relation type Located is not declared",
    );
}

#[test]
fn equivalence_not_allowed_between_types() {
    assert!(!problems_with("T9\tSpeaker 19 22\tYes\n*\tCoref T1 T9\n").contains("equivalence"));
    expect(
        &problems_with("*\tCoref T1 T4\n"),
        "equivalence relation Coref not allowed between Speaker and Claim",
    );
}

#[test]
fn entity_overlap_needs_a_rule() {
    assert!(!problems_with("T9\tClaim 9 11\tit\n").contains("overlap"));
    expect(
        &problems_with("T9\tSpeaker 1 5\tnn s\n"),
        "overlap (cross) without an <OVERLAP> rule",
    );
    expect(
        &problems_with("T9\tSpeaker 0 3\tAnn\n"),
        "overlap (equal) without an <OVERLAP> rule",
    );
}

#[test]
fn trigger_not_used_by_any_event() {
    expect(
        &problems_with("T9\tAttribution 0 3\tAnn\n"),
        "warning: trigger T9 is not referenced from any event",
    );
}

#[test]
fn duplicate_triggers() {
    expect(
        &problems_with("T9\tAttribution 4 8\tsaid\nE9\tAttribution:T9 Content:T4\n"),
        "warning: triggers T3,T9 have identical span and type",
    );
}

#[test]
fn relation_arguments_of_the_wrong_types_or_roles() {
    assert!(!problems_with("R9\tAttributedTo Arg2:T1 Arg1:T4\n").contains("not allowed"));
    expect(
        &problems_with("R9\tAttributedTo Arg1:T1 Arg2:T4\n"),
        "AttributedTo relation Arg1:Speaker Arg2:Claim not allowed",
    );
    expect(
        &problems_with("R9\tAttributedTo From:T4 To:T1\n"),
        "not allowed",
    );
}

#[test]
fn event_argument_missing() {
    expect(
        &problems_replacing("Source:T1 Content:T4", "Source:T1"),
        "at least 1 Content argument(s) required",
    );
}

#[test]
fn event_argument_role_or_type_not_allowed() {
    expect(
        &problems_replacing("Source:T1 Content:T4", "Source:T1 Content:T4 Place:T1"),
        "Attribution cannot take a Place argument",
    );
    expect(
        &problems_replacing("Source:T1 Content:T4", "Source:T2 Content:T4"),
        "argument Source cannot be of type Cue",
    );
}

#[test]
fn event_argument_repeated_beyond_its_count() {
    assert!(
        !problems_replacing("Source:T1 Content:T4", "Source:T1 Source2:T1 Content:T4")
            .contains("multiple")
    );
    expect(
        &problems_replacing("Source:T1 Content:T4", "Source:T1 Content:T4 Content2:T4"),
        "cannot take multiple Content arguments",
    );
}

#[test]
fn attribute_not_declared_not_allowed_or_bad_value() {
    expect(
        &problems_with("A9\tColour E1 red\n"),
        "attribute Colour is not declared",
    );
    expect(
        &problems_with("A9\tStake T4 self\n"),
        "Claim cannot take a Stake attribute",
    );
    expect(
        &problems_with("A9\tStake E1 maybe\n"),
        "value maybe of Stake",
    );
    expect(&problems_with("A9\tStake E1\n"), "needs a value");
    expect(
        &problems_with("A9\tNegated T4 yes\n"),
        "binary attribute Negated",
    );
}
