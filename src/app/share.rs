//! The share bar: copy the link, embed a panel, print.

use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::browser;
use super::controls::Choice;
use super::view::{Panel, Theme};
use crate::chart::xml_escape;
use crate::i18n::{self, Lang};

#[derive(Properties, PartialEq)]
pub(crate) struct ShareBarProps {
    pub lang: Lang,
    /// The full link to the current scenario.
    pub url: AttrValue,
    /// The page address without the fragment.
    pub page_url: AttrValue,
    /// The scenario's fragment (without `#`).
    pub fragment: AttrValue,
}

/// The `<iframe>` snippet for a panel of the current scenario.
pub(crate) fn embed_snippet(
    page_url: &str,
    fragment: &str,
    panel: Panel,
    theme: Theme,
    title: &str,
) -> String {
    let mut src = format!("{page_url}#{fragment}&embed={}", panel.code());
    if theme != Theme::Auto {
        src.push_str(&format!("&theme={}", theme.code()));
    }
    format!(
        "<iframe src=\"{}\" title=\"{}\" width=\"100%\" height=\"{}\" style=\"border:0;max-width:1100px\" loading=\"lazy\"></iframe>",
        xml_escape(&src),
        xml_escape(title),
        panel.height()
    )
}

/// Copy link, share URL, embed dialog and print.
#[component]
pub(crate) fn ShareBar(props: &ShareBarProps) -> Html {
    let l = props.lang;
    let status = use_state(|| None::<bool>);
    let embed_open = use_state(|| false);
    let panel = use_state(|| Panel::Calculator);
    let theme = use_state(Theme::default);
    let url_ref = use_node_ref();

    let on_copy = {
        let status = status.clone();
        let url = props.url.clone();
        let url_ref = url_ref.clone();
        Callback::from(move |_| {
            let status = status.clone();
            let url_ref = url_ref.clone();
            browser::copy_text(&url, move |ok| {
                if !ok {
                    if let Some(input) = url_ref.cast::<HtmlInputElement>() {
                        input.select();
                    }
                }
                status.set(Some(ok));
            });
        })
    };
    let on_embed = {
        let embed_open = embed_open.clone();
        Callback::from(move |_| embed_open.set(!*embed_open))
    };
    let on_panel = {
        let panel = panel.clone();
        Callback::from(move |code: String| {
            if let Some(p) = Panel::from_code(&code) {
                panel.set(p);
            }
        })
    };
    let on_theme = {
        let theme = theme.clone();
        Callback::from(move |code: String| {
            if let Some(t) = Theme::from_code(&code) {
                theme.set(t);
            }
        })
    };
    let on_print = Callback::from(|_| {
        let _ = gloo::utils::window().print();
    });
    let snippet = embed_snippet(
        &props.page_url,
        &props.fragment,
        *panel,
        *theme,
        &format!(
            "{} — {}",
            i18n::TITLE.get(l),
            i18n::panel(panel.code()).get(l)
        ),
    );
    let panel_options = Panel::ALL
        .iter()
        .map(|p| {
            (
                AttrValue::from(p.code()),
                AttrValue::from(i18n::panel(p.code()).get(l)),
            )
        })
        .collect::<Vec<_>>();
    let theme_options = Theme::ALL
        .iter()
        .zip(i18n::THEMES)
        .map(|(t, w)| (AttrValue::from(t.code()), AttrValue::from(w.get(l))))
        .collect::<Vec<_>>();

    html! {
        <div class="sharebar">
            <button type="button" data-testid="share-link" onclick={on_copy}>{ i18n::COPY_LINK.get(l) }</button>
            <input type="text" readonly=true data-testid="share-url" aria-label={i18n::SHARE_URL.get(l)}
                value={props.url.clone()} ref={url_ref} />
            <button type="button" data-testid="embed-open" aria-expanded={embed_open.to_string()} onclick={on_embed.clone()}>{ i18n::EMBED.get(l) }</button>
            <button type="button" data-testid="print" onclick={on_print}>{ i18n::PRINT.get(l) }</button>
            if let Some(ok) = *status {
                <span class="share-status" role="status" data-testid="share-status" data-value={ok.to_string()}>
                    { if ok { i18n::COPIED.get(l) } else { i18n::COPY_FAILED.get(l) } }
                </span>
            }
            if *embed_open {
                <div class="embed-dialog" role="dialog" aria-label={i18n::EMBED_HEADING.get(l)}>
                    <h2>{ i18n::EMBED_HEADING.get(l) }</h2>
                    <div class="embed-choices">
                        <Choice testid="embed-panel" label={i18n::EMBED_PANEL.get(l)} options={panel_options} selected={panel.code()} on_change={on_panel} />
                        <Choice testid="embed-theme" label={i18n::EMBED_THEME.get(l)} options={theme_options} selected={theme.code()} on_change={on_theme} />
                    </div>
                    <label for="embed-code">{ i18n::EMBED_CODE.get(l) }</label>
                    <textarea id="embed-code" data-testid="embed-code" readonly=true rows="4" value={snippet} />
                    <button type="button" onclick={on_embed}>{ i18n::CLOSE.get(l) }</button>
                </div>
            }
        </div>
    }
}
