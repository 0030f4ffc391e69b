//! Share links: every template plan (and the large plan) survives the link encoding
//! (compact JSON → raw DEFLATE → base64url → back), read through the same checks as an
//! imported plan file; the lengths are those listed in docs/offline-and-sharing.md.
//! Native only: the browser compresses with its own CompressionStream.
#![cfg(not(target_arch = "wasm32"))]

use race_planner::domain::sample::large_plan;
use race_planner::domain::templates::Template;
use race_planner::format::document::to_storage_json;
use race_planner::format::import_file;
use race_planner::format::share::{decode, encode, MAX_LINK_CHARS};
use std::collections::HashSet;

/// The payload a browser makes for a plan (CompressionStream's deflate-raw is zlib's
/// default level, 6).
fn link(plan: &race_planner::domain::plan::Plan) -> String {
    encode(&miniz_oxide::deflate::compress_to_vec(
        to_storage_json(plan).as_bytes(),
        6,
    ))
}

fn open(payload: &str) -> race_planner::domain::plan::Plan {
    let bytes = decode(payload).expect("a link this app made decodes");
    let json = miniz_oxide::inflate::decompress_to_vec(&bytes).expect("it inflates");
    let mut taken = HashSet::new();
    taken.insert("stored-elsewhere".to_string());
    let mut result = import_file(&json, &taken, || "new-id".to_string()).expect("it imports");
    result.plans.remove(0).plan
}

#[test]
fn every_template_plan_survives_its_link_and_fits_in_one() {
    for template in Template::ALL {
        let plan = template.build("p-shared", 1_764_000_000_000, "2026-12-01");
        let payload = link(&plan);
        println!(
            "{}: {} characters",
            template.name(),
            payload.len() + "#/share/".len()
        );
        assert!(
            payload.len() <= MAX_LINK_CHARS,
            "{} makes a link of {}",
            template.name(),
            payload.len()
        );
        let back = open(&payload);
        let mut expected = plan.clone();
        expected.revision = back.revision;
        assert_eq!(back, expected, "{}", template.name());
    }
}

#[test]
fn the_large_plan_is_too_long_for_a_link_but_survives_the_encoding() {
    let plan = large_plan(42);
    let payload = link(&plan);
    println!(
        "large plan: {} characters",
        payload.len() + "#/share/".len()
    );
    assert!(payload.len() > MAX_LINK_CHARS);
    assert_eq!(open(&payload).actuals.len(), plan.actuals.len());
}

#[test]
fn a_cut_link_fails_to_read_and_never_gives_a_plan() {
    let plan = Template::EcommerceB2c.build("p", 0, "2026-12-01");
    let payload = link(&plan);
    let cut = &payload[..payload.len() / 2];
    let inflated = decode(cut)
        .ok()
        .and_then(|b| miniz_oxide::inflate::decompress_to_vec(&b).ok());
    if let Some(json) = inflated {
        assert!(import_file(&json, &HashSet::new(), || "x".into()).is_err());
    }
}
