//! Charts as values: pure functions from numbers to an SVG string (plotters'
//! SVG backend). The same string is shown on the page and is the SVG export.
//! Nothing here knows about the browser.

pub mod cohorts;
pub mod curves;
pub mod data_table;
pub mod forecast;
pub mod frame;
pub mod heatmap;
pub mod palette;
pub mod waterfall;

/// Adds `role="img"`, an `aria-label` and a `<title>` to a plotters SVG so a
/// screen reader gets the chart's text alternative; scales with its container.
pub fn accessible(svg: String, alt: &str) -> String {
    let alt = xml_escape(alt);
    match svg.find("<svg ") {
        Some(at) => {
            let head_end = svg[at..].find('>').map(|i| at + i + 1).unwrap_or(svg.len());
            let mut out = String::with_capacity(svg.len() + 2 * alt.len() + 64);
            out.push_str(&svg[..at]);
            out.push_str(&format!(
                "<svg role=\"img\" aria-label=\"{alt}\" preserveAspectRatio=\"xMidYMid meet\" "
            ));
            out.push_str(&svg[at + 5..head_end]);
            out.push_str(&format!("<title>{alt}</title>"));
            out.push_str(&svg[head_end..]);
            out
        }
        None => svg,
    }
}

/// The pixel size written in an SVG's `width` and `height` attributes, if any.
pub fn svg_size(svg: &str) -> Option<(u32, u32)> {
    let head = &svg[..svg.find('>')?];
    let attr = |name: &str| -> Option<u32> {
        let at = head.find(&format!(" {name}=\""))? + name.len() + 3;
        head[at..].split('"').next()?.parse().ok()
    };
    Some((attr("width")?, attr("height")?))
}

/// The size class of a number shown in an output card (`long`, `longer`,
/// `longest`, or none), from its width in digits (a CJK character counts
/// two): a long figure is set smaller rather than broken across lines.
pub fn number_size(text: &str) -> &'static str {
    let width: usize = text
        .chars()
        .map(|c| if c >= '\u{2E80}' { 2 } else { 1 })
        .sum();
    match width {
        0..=8 => "",
        9..=10 => "long",
        11..=13 => "longer",
        _ => "longest",
    }
}

/// Escapes text for use inside XML text or a double-quoted attribute.
pub fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_figures_are_set_smaller() {
        assert_eq!(number_size("0.243"), "");
        assert_eq!(number_size("212,829"), "");
        assert_eq!(number_size("21.28M"), "");
        assert_eq!(number_size("2,212,642"), "long");
        assert_eq!(number_size("−9,594.98"), "long");
        assert_eq!(number_size("−1,404,414.55"), "longer");
        assert_eq!(number_size("−467,866,952.2"), "longest");
        // A CJK character is as wide as two digits.
        assert_eq!(number_size("2,128.3万"), "long");
    }

    #[test]
    fn svg_size_reads_the_root_attributes() {
        assert_eq!(
            svg_size("<svg role=\"img\" width=\"520\" height=\"280\" viewBox=\"0 0 520 280\">"),
            Some((520, 280))
        );
        assert_eq!(svg_size("<svg viewBox=\"0 0 1 1\">"), None);
        assert_eq!(svg_size("not svg"), None);
    }

    #[test]
    fn accessible_adds_title_and_escapes() {
        let svg = "<svg width=\"10\" height=\"10\" xmlns=\"x\">\n<rect/></svg>".to_string();
        let out = accessible(svg, "a <b> & \"c\"");
        assert!(out.starts_with("<svg role=\"img\" aria-label=\"a &lt;b&gt; &amp; &quot;c&quot;\""));
        assert!(out.contains("<title>a &lt;b&gt; &amp; &quot;c&quot;</title>\n<rect/>"));
    }
}
