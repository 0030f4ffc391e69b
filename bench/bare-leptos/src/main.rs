//! A bare Leptos CSR page: one text input whose characters are counted as you type,
//! and a counter button. The smallest page of the app's stack that reacts to typing.

use leptos::prelude::*;

#[component]
fn App() -> impl IntoView {
    let text = RwSignal::new(String::new());
    let clicks = RwSignal::new(0u32);
    view! {
        <main>
            <h1>"Bare Leptos"</h1>
            <label for="text">"Type here"</label>
            <input id="text" type="text" autocomplete="off"
                prop:value=move || text.get()
                on:input=move |ev| text.set(event_target_value(&ev))/>
            <p>"Characters: " {move || text.with(|t| t.chars().count())}</p>
            <button type="button" on:click=move |_| clicks.update(|c| *c += 1)>
                "Clicked " {move || clicks.get()} " times"
            </button>
        </main>
    }
}

fn main() {
    mount_to_body(App);
}
