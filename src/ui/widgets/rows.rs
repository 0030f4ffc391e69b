//! Compact rows with an editor on demand, shared by the lists of initiatives, actions
//! and touchpoints: each row is text (no inputs), its "Edit <name>" button (aria-expanded)
//! opens the full editor in place under it, one at a time per list; closing the editor
//! (its Close button or Escape) puts focus back on the row's button. Long lists show
//! [`PAGE`] rows at first and a "Show 50 more (of N)" button.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// How many rows a long list shows at first, and how many more each "Show more" adds.
pub const PAGE: usize = 50;

/// One list's state: the row whose editor is open, and how many rows are shown.
#[derive(Clone, Copy)]
pub struct RowList {
    /// Makes the element ids of this list unique on the screen.
    prefix: &'static str,
    /// The id of the row whose editor is open.
    pub open: RwSignal<Option<String>>,
    /// How many rows are shown.
    pub limit: RwSignal<usize>,
}

impl RowList {
    /// A list with nothing open and the first [`PAGE`] rows shown.
    pub fn new(prefix: &'static str) -> RowList {
        RowList {
            prefix,
            open: RwSignal::new(None),
            limit: RwSignal::new(PAGE),
        }
    }

    /// The element id of a row's Edit button.
    pub fn button_id(&self, id: &str) -> String {
        format!("{}-edit-{id}", self.prefix)
    }

    /// The element id of a row's editor.
    pub fn editor_id(&self, id: &str) -> String {
        format!("{}-editor-{id}", self.prefix)
    }

    /// Whether this row's editor is open (tracked).
    pub fn is_open(&self, id: &str) -> bool {
        self.open.with(|o| o.as_deref() == Some(id))
    }

    /// The rows shown: the first `limit` of `ids`.
    pub fn window(&self, ids: &[String]) -> Vec<String> {
        ids.iter().take(self.limit.get()).cloned().collect()
    }

    /// Opens the editor of the row at `index` of the list, showing that row if it was
    /// beyond the rows shown (a row just added, for instance).
    pub fn open_at(&self, id: String, index: usize) {
        if index >= self.limit.get_untracked() {
            self.limit.set((index / PAGE + 1) * PAGE);
        }
        self.open.set(Some(id));
    }

    /// Closes the open editor and puts focus back on its row's button.
    pub fn close(&self) {
        if let Some(id) = self.open.get_untracked() {
            self.open.set(None);
            focus(&self.button_id(&id));
        }
    }
}

/// The text of item `i` of a list memo, for views whose elements stay while their text
/// follows the plan: an edit then changes text nodes only, never rebuilds elements (and
/// their attributes) around a figure that changed. Empty when the list is shorter.
pub fn text_at<T: Send + Sync + 'static>(
    list: Memo<Vec<T>>,
    i: usize,
    pick: impl Fn(&T) -> String + Send + Sync + 'static,
) -> impl Fn() -> String + Send + Sync + 'static {
    move || list.with(|l| l.get(i).map(&pick).unwrap_or_default())
}

/// Moves keyboard focus to the element with this id, if it is in the page.
pub fn focus(element_id: &str) {
    if let Some(el) = document()
        .get_element_by_id(element_id)
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = el.focus();
    }
}

/// One cell of a compact row, after its title: text, or any small view (no fields).
pub enum Cell {
    /// Text, with the cell's class.
    Text(&'static str, Signal<String>),
    /// A view, with the cell's class (a score with its ⓘ).
    View(&'static str, AnyView),
}

/// A compact row of a list: an optional leading cell (a rank), the title as the row's
/// header, the other cells, and the Edit button; its editor opens in a row under it.
#[component]
pub fn CompactRow(
    list: RowList,
    id: String,
    /// What the list holds ("action"): the editor is named "Edit <noun> <title>".
    noun: &'static str,
    #[prop(into)] class: Signal<String>,
    #[prop(into)] title: Signal<String>,
    /// A cell before the title.
    #[prop(optional)]
    lead: Option<Cell>,
    cells: Vec<Cell>,
    /// The full editor of the row, built when it opens.
    #[prop(into)]
    editor: ViewFn,
) -> impl IntoView {
    let columns = cells.len() + 2 + usize::from(lead.is_some());
    let open = {
        let id = id.clone();
        Memo::new(move |_| list.is_open(&id))
    };
    let label = Signal::derive(move || format!("Edit {noun} {}", title.get()));
    let cell = |c: Cell| match c {
        Cell::Text(class, text) => view! { <td class=class>{move || text.get()}</td> }.into_any(),
        Cell::View(class, v) => view! { <td class=class>{v}</td> }.into_any(),
    };
    view! {
        <tr class=move || class.get()>
            {lead.map(cell)}
            <th scope="row" class="row-title">{move || title.get()}</th>
            {cells.into_iter().map(cell).collect_view()}
            <td class="row-actions"><EditButton list=list id=id.clone() name=title/></td>
        </tr>
        {move || open.get().then(|| {
            let (id, editor) = (id.clone(), editor.clone());
            view! {
                <tr class="editor-row">
                    <td colspan=columns>
                        <EditorPanel list=list id=id label=label>{editor.run()}</EditorPanel>
                    </td>
                </tr>
            }
        })}
    }
}

/// A row's "Edit <name>" button: opens its editor, or closes it when open.
#[component]
pub fn EditButton(
    list: RowList,
    id: String,
    /// What the row is called, said after "Edit".
    #[prop(into)]
    name: Signal<String>,
    /// Show the name as the button's text ("Edit" is then said, not shown), as on a card.
    #[prop(optional)]
    title_button: bool,
) -> impl IntoView {
    let button_id = list.button_id(&id);
    let editor_id = list.editor_id(&id);
    let expanded = {
        let id = id.clone();
        Memo::new(move |_| list.is_open(&id))
    };
    let toggle = move |_| {
        if expanded.get_untracked() {
            list.close();
        } else {
            list.open.set(Some(id.clone()));
        }
    };
    let text = if title_button {
        view! { <span class="visually-hidden">"Edit "</span><span>{move || name.get()}</span> }
            .into_any()
    } else {
        "Edit".into_any()
    };
    view! {
        <button type="button" id=button_id
            class=if title_button { "link-btn row-edit" } else { "btn btn-small row-edit" }
            aria-label=move || (!title_button).then(|| format!("Edit {}", name.get()))
            aria-expanded=move || expanded.get().to_string()
            aria-controls=move || expanded.get().then(|| editor_id.clone())
            on:click=toggle>
            {text}
        </button>
    }
}

/// The open editor of a row: its content, then a Close button; Escape closes it too.
/// Both put focus back on the row's Edit button.
#[component]
pub fn EditorPanel(
    list: RowList,
    id: String,
    /// The editor's accessible name ("Edit initiative X").
    #[prop(into)]
    label: Signal<String>,
    /// Away from its row (below a board): the editor shows its name as a heading, and
    /// focus moves into it when it opens.
    #[prop(optional)]
    detached: bool,
    children: Children,
) -> impl IntoView {
    let editor_id = list.editor_id(&id);
    if detached {
        let target = editor_id.clone();
        request_animation_frame(move || focus(&target));
    }
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() == "Escape" {
            ev.stop_propagation();
            list.close();
        }
    };
    view! {
        <section class="row-editor" id=editor_id tabindex="-1" aria-label=move || label.get() on:keydown=on_key>
            {detached.then(|| view! { <h3 class="row-editor-title">{move || label.get()}</h3> })}
            {children()}
            <div class="btn-row row-editor-close">
                <button type="button" class="btn" on:click=move |_| list.close()>"Close"</button>
            </div>
        </section>
    }
}

/// "Show 50 more (of N)" under a long list. Once every row is shown it gives way to
/// "All N shown", which takes the focus the button had.
#[component]
pub fn ShowMore(limit: RwSignal<usize>, #[prop(into)] total: Signal<usize>) -> impl IntoView {
    let more = move || total.get().saturating_sub(limit.get()).min(PAGE);
    let all_shown = NodeRef::<leptos::html::P>::new();
    let on_click = move |_| {
        limit.update(|l| *l += PAGE);
        if limit.get_untracked() >= total.get_untracked() {
            request_animation_frame(move || {
                if let Some(p) = all_shown.get_untracked() {
                    let _ = p.focus();
                }
            });
        }
    };
    view! {
        <Show when=move || { total.get() > limit.get() }
            fallback=move || (limit.get() > PAGE).then(|| view! {
                <p class="show-more muted" tabindex="-1" node_ref=all_shown>{move || format!("All {} shown.", total.get())}</p>
            })>
            <p class="show-more">
                <button type="button" class="btn" on:click=on_click>
                    {move || format!("Show {} more (of {})", more(), total.get())}
                </button>
            </p>
        </Show>
    }
}

/// A keyed list of rows by id: `row` renders one from its id, and a row is built once
/// and kept while its id stays in `ids`. Not generic, so the keyed-list code is in the
/// download once for every list of ids instead of once per list.
#[component]
pub fn EachId(
    #[prop(into)] ids: Signal<Vec<String>>,
    #[prop(into)] row: Callback<String, AnyView>,
) -> impl IntoView {
    view! { <For each=move || ids.get() key=|id| id.clone() children=move |id| row.run(id)/> }
}

/// A column of a [`RowTable`]: its heading, and whether it holds numbers (right-aligned).
pub type Column = (&'static str, bool);

/// A list as a table of compact rows: a visually hidden caption, a header row, the rows
/// shown so far (`row` renders one from its id) and "Show more" under a long list.
/// Not generic in `row`, so its view code is in the download once, not once per list.
#[component]
pub fn RowTable(
    /// The table's class, after `rows`.
    class: &'static str,
    #[prop(into)] caption: String,
    columns: &'static [Column],
    ids: Memo<Vec<String>>,
    list: RowList,
    #[prop(into)] row: Callback<String, AnyView>,
) -> impl IntoView {
    view! {
        <div class="table-wrap">
            <table class=format!("rows {class}")>
                <caption class="visually-hidden">{caption}</caption>
                <thead>
                    <tr>
                        {columns.iter().map(|&(name, num)| view! {
                            <th scope="col" class=num.then_some("num")>{name}</th>
                        }).collect_view()}
                        <th scope="col" class="row-actions"><span class="visually-hidden">"Edit"</span></th>
                    </tr>
                </thead>
                <tbody>
                    <EachId ids=Signal::derive(move || ids.with(|all| list.window(all))) row=row/>
                </tbody>
            </table>
        </div>
        <ShowMore limit=list.limit total=Signal::derive(move || ids.with(Vec::len))/>
    }
}
