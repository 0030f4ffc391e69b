//! Files in and out of the browser: text saved through the browser's download (a Blob
//! and a temporary link), and the file chosen in a file input.

use wasm_bindgen::JsCast;

/// Offers `text` as a download named `file_name`. Returns false when the browser refused.
pub fn download_text(file_name: &str, mime: &str, text: &str) -> bool {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return false;
    };
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) else {
        return false;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return false;
    };
    let ok = match document
        .create_element("a")
        .ok()
        .and_then(|a| a.dyn_into::<web_sys::HtmlAnchorElement>().ok())
    {
        Some(a) => {
            a.set_href(&url);
            a.set_download(file_name);
            a.click();
            true
        }
        None => false,
    };
    // Revoke later: the download reads the Blob after this function returns.
    leptos::prelude::set_timeout(
        move || {
            let _ = web_sys::Url::revoke_object_url(&url);
        },
        std::time::Duration::from_secs(60),
    );
    ok
}

/// The file just chosen in the file input that `event` (its change) came from; the
/// input is emptied, so that choosing the same file again is a change too.
pub fn chosen_file(event: &web_sys::Event) -> Option<web_sys::File> {
    let input = event
        .target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())?;
    let file = input.files().and_then(|f| f.get(0))?;
    input.set_value("");
    Some(file)
}
