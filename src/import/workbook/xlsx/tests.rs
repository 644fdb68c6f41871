//! Our `.xlsx` scanner against calamine on the same bytes: the fixtures,
//! a workbook with every cell shape we know of, and random sheets, each
//! scanned in pieces of several sizes (so rows, tags, entities and strings
//! are cut at every place).

use std::io::Write as _;

use proptest::prelude::*;

use super::super::calamine_text;
use super::*;

fn fixture(name: &str) -> Vec<u8> {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// A workbook from its parts' text (the package and workbook relationships
/// are written here; `sheets` are (name, XML)).
fn book(sheets: &[(&str, &str)], strings: Option<&str>, styles: Option<&str>, pr: &str) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    let mut put = |name: &str, text: &str| {
        w.start_file(name, opts).unwrap();
        w.write_all(text.as_bytes()).unwrap();
    };
    put(
        "[Content_Types].xml",
        r#"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>"#,
    );
    put(
        "_rels/.rels",
        r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#,
    );
    let mut rels = String::from(
        r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#,
    );
    let mut wb = format!(
        r#"<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">{pr}<sheets>"#
    );
    for (i, (name, _)) in sheets.iter().enumerate() {
        rels.push_str(&format!(
            r#"<Relationship Id="rId{n}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet{n}.xml"/>"#,
            n = i + 1
        ));
        wb.push_str(&format!(
            r#"<sheet name="{}" sheetId="{n}" r:id="rId{n}"/>"#,
            esc(name),
            n = i + 1
        ));
    }
    rels.push_str("</Relationships>");
    wb.push_str("</sheets></workbook>");
    put("xl/_rels/workbook.xml.rels", &rels);
    put("xl/workbook.xml", &wb);
    for (i, (_, xml)) in sheets.iter().enumerate() {
        put(&format!("xl/worksheets/sheet{}.xml", i + 1), xml);
    }
    if let Some(s) = strings {
        put("xl/sharedStrings.xml", s);
    }
    if let Some(s) = styles {
        put("xl/styles.xml", s);
    }
    w.finish().unwrap().into_inner()
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Styles: s=0 General, 1 a built-in date (14), 2 a custom date-time,
/// 3 a duration ([h]:mm), 4 a number format (0.00), 5 a quoted "d" that is
/// not a date.
const STYLES: &str = r#"<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="3"><numFmt numFmtId="164" formatCode="yyyy\-mm\-dd\ hh:mm"/><numFmt numFmtId="165" formatCode="[h]:mm"/><numFmt numFmtId="166" formatCode="&quot;d&quot;0.0"/></numFmts><cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs><cellXfs count="6"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/><xf numFmtId="164"/><xf numFmtId="165"></xf><xf numFmtId="2"/><xf numFmtId="166"/></cellXfs></styleSheet>"#;

fn sheet_xml(rows: &str, prefix: &str) -> String {
    let (open, ns) = if prefix.is_empty() {
        ("worksheet".to_string(), "xmlns".to_string())
    } else {
        (format!("{prefix}:worksheet"), format!("xmlns:{prefix}"))
    };
    let p = if prefix.is_empty() {
        String::new()
    } else {
        format!("{prefix}:")
    };
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<{open} {ns}="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><{p}dimension ref="A1:Z9"/><!-- a comment --><{p}sheetData>{rows}</{p}sheetData><{p}mergeCells count="1"><{p}mergeCell ref="A1:C1"/></{p}mergeCells></{open}>"#
    )
}

/// Ours at several piece sizes equals calamine's text (or both fail with
/// the same error); ours never leaves these to calamine.
fn same(bytes: &[u8], sheet: Option<&str>) -> Option<SheetText> {
    let theirs = calamine_text(bytes, sheet);
    let mut first = None;
    for piece in [16, 23, 61, 400, 4096, PIECE] {
        let ours = sheet_text(bytes, sheet, piece);
        match (&ours, &theirs) {
            (Ok(a), Ok(b)) => assert_eq!(a, b, "piece {piece}"),
            (Err(Unread::Final(a)), Err(b)) => assert_eq!(a, b, "piece {piece}"),
            _ => panic!("piece {piece}: ours {ours:?}, calamine {theirs:?}"),
        }
        first.get_or_insert(ours.ok());
    }
    first.flatten()
}

#[test]
fn the_fixtures_read_as_calamine_reads_them() {
    for name in ["orders", "shopify", "taobao"] {
        let bytes = fixture(&format!("workbooks/{name}.xlsx"));
        let sheet = same(&bytes, None).expect(name);
        for other in &sheet.names {
            same(&bytes, Some(other));
        }
    }
}

/// A workbook laid out as Excel writes one (XlsxWriter: shared strings,
/// `spans`, styles, formulas with cached values, a rich string, an error):
/// read as calamine reads it, and its orders as their CSV.
#[test]
fn an_excel_layout_reads_as_calamine_and_its_csv() {
    let bytes = fixture("workbooks/orders-excel.xlsx");
    let orders = same(&bytes, None).expect("orders");
    assert_eq!(orders.names, vec!["订单明细", "Cells"]);
    let cells = same(&bytes, Some("Cells")).expect("cells");
    let lines: Vec<&str> = cells.text.lines().collect();
    assert_eq!(
        lines[1],
        "\"a, \"\"quoted\"\" & <tagged>\",0.3,1900-03-01,TRUE,0.6000000000000001,plain red again,#DIV/0!"
    );
    let csv = String::from_utf8(fixture("workbooks/orders.csv")).unwrap();
    let json = |text: &str| {
        let s = crate::import::inspect(text).unwrap().guessed_settings();
        crate::import::analyze(text, &s, &mut |_| true)
            .unwrap()
            .to_json(&|r| r.code().to_string())
    };
    assert_eq!(json(&orders.text), json(&csv));
}

#[test]
fn every_cell_shape() {
    let strings = r#"<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="9" uniqueCount="9"><si><t>plain</t></si><si><t xml:space="preserve">  kept spaces  </t></si><si><t>
  trimmed	</t></si><si><r><rPr><b/></rPr><t>rich </t></r><r><t xml:space="preserve">text, "quoted"</t></r></si><si><t>東京</t><rPh sb="0" eb="2"><t>トウキョウ</t></rPh></si><si><t>a&amp;b &lt;c&gt; &#x4E2D;&#25991;</t></si><si><t>line_x000D_
break_x005F_x0041_</t></si><si/><si><t><![CDATA[<cdata & more>]]></t></si></sst>"#;
    let rows = r#"
<row r="1" spans="1:3"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>3</v></c><c r="E1" t="s"><v>4</v></c><c r="F1" t="s"><v>5</v></c><c r="G1" t="s"><v>6</v></c><c r="H1" t="s"><v>7</v></c><c r="I1" t="s"><v>8</v></c></row>
<row r="3"><c r="A3" s="1"><v>45296</v></c><c r="B3" s="2"><v>45296.75</v></c><c r="C3" s="3"><v>1.5</v></c><c r="D3" s="4"><v>12.5</v></c><c r="E3" s="5"><v>3</v></c><c r="F3" s="9"><v>45296</v></c><c r="G3"><v>48213</v></c><c r="H3" t="n"><v>-0.25</v></c><c r="I3"><v>1E3</v></c></row>
<row r="4"><c r="A4" t="b"><v>1</v></c><c r="B4" t="b"><v>false</v></c><c r="C4" t="e"><v>#N/A</v></c><c r="D4" t="str"><f>A1&amp;"x"</f><v>plainx &amp; y</v></c><c r="E4" t="d"><v>2024-01-05T10:00:00</v></c><c r="F4" t="inlineStr"><is><t>inline, "q"</t></is></c><c r="G4" t="inlineStr"><is><r><t>in</t></r><r><t xml:space="preserve"> line</t></r></is></c><c r="H4" t="inlineStr"><v>ignored</v><is><t>  pad  </t></is></c></row>
<row r="5"><c r="A5"/><c r="B5" s="1"/><c r="C5"><v></v></c><c r="D5" t="s"><v/></c><c r="E5"><f>1+1</f><v>2</v></c><c r="F5" t="str"><v></v></c><c r="G5"><v>not a number</v></c></row>
<row><c><v>1</v></c><c><v>2</v></c><c r="E6"><v>5</v></c><c><v>6</v></c></row>
<row r="8"/>
<row r="9" customHeight="1" ht="20"><c r="Z9" t="inlineStr"><is><t>far &#233;</t></is></c></row>
"#;
    for prefix in ["", "x"] {
        let rows = if prefix.is_empty() {
            rows.to_string()
        } else {
            rows.replace("<row", "<x:row")
                .replace("</row>", "</x:row>")
                .replace("<c ", "<x:c ")
                .replace("<c>", "<x:c>")
                .replace("</c>", "</x:c>")
                .replace("<v>", "<x:v>")
                .replace("<v/>", "<x:v/>")
                .replace("</v>", "</x:v>")
        };
        let bytes = book(
            &[
                ("Empty", &sheet_xml("", prefix)),
                ("Data & more", &sheet_xml(&rows, prefix)),
            ],
            Some(strings),
            Some(STYLES),
            r#"<workbookPr date1904="false"/>"#,
        );
        let s = same(&bytes, None).expect("read");
        assert_eq!(s.name, "Data & more");
        assert_eq!(s.names, vec!["Empty", "Data & more"]);
        let lines: Vec<&str> = s.text.lines().collect();
        assert!(
            lines[0].starts_with(
                "plain,  kept spaces  ,trimmed,\"richtext, \"\"quoted\"\"\",東京,a&b <c> 中文,"
            ),
            "{}",
            lines[0]
        );
        // (the first row's "line\nbreak" is quoted over two lines; row 2 is blank)
        assert_eq!(
            lines[3],
            "2024-01-05,2024-01-05 18:00:00,1.5,12.5,3,45296,48213,-0.25,1000"
        );
        assert_eq!(lines[5], ",,,,2,,not a number");
        assert_eq!(same(&bytes, Some("Empty")), None);
        assert!(matches!(
            sheet_text(&bytes, Some("Empty"), PIECE),
            Err(Unread::Final(ImportError::Empty))
        ));
        assert!(matches!(
            sheet_text(&bytes, Some("nope"), PIECE),
            Err(Unread::Final(ImportError::BadMapping))
        ));
    }
    // The 1904 calendar.
    let rows = r#"<row r="1"><c r="A1" s="1"><v>0</v></c><c r="B1" s="1"><v>45296</v></c></row>"#;
    let bytes = book(
        &[("S", &sheet_xml(rows, ""))],
        None,
        Some(STYLES),
        r#"<workbookPr date1904="1"/>"#,
    );
    assert_eq!(same(&bytes, None).unwrap().text, "1904-01-01,2028-01-06\n");
}

#[test]
fn what_it_leaves_to_calamine() {
    // .ods and .xls fixtures are not ours; neither are cells out of order
    // (calamine says so), nor a sheet with a DOCTYPE.
    assert!(matches!(
        sheet_text(&fixture("workbooks/orders.ods"), None, PIECE),
        Err(Unread::Other(_))
    ));
    let rows = r#"<row r="2"><c r="B2"><v>1</v></c></row><row r="1"><c r="A1"><v>2</v></c></row>"#;
    let bytes = book(&[("S", &sheet_xml(rows, ""))], None, None, "");
    assert!(matches!(
        sheet_text(&bytes, None, PIECE),
        Err(Unread::Other(_))
    ));
    assert!(calamine_text(&bytes, None).is_err());
    let doctype = "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY a \"b\">]><worksheet><sheetData><row><c t=\"inlineStr\"><is><t>&a;</t></is></c></row></sheetData></worksheet>";
    let bytes = book(&[("S", doctype)], None, None, "");
    assert!(matches!(
        sheet_text(&bytes, None, PIECE),
        Err(Unread::Other(_))
    ));
    // A cell past Excel's last column is a clear error, not a huge text.
    let rows = r#"<row r="1"><c r="AAAA1"><v>1</v></c></row>"#;
    let bytes = book(&[("S", &sheet_xml(rows, ""))], None, None, "");
    assert!(matches!(
        sheet_text(&bytes, None, PIECE),
        Err(Unread::Final(ImportError::BadWorkbook(_)))
    ));
}

/// One random cell's XML (without its `r`), and how it is typed.
fn cell_xml(kind: u8, n: f64, text: &str, strings: usize, preserve: bool) -> String {
    let t = esc(text);
    match kind % 9 {
        0 => format!("><v>{}</v>", (n * 100.0).round() / 100.0),
        1 => format!(
            " s=\"{}\"><v>{}</v>",
            1 + (n.abs() as usize) % 5,
            n.abs() % 60000.0
        ),
        2 => format!(" t=\"s\"><v>{}</v>", (n.abs() as usize) % strings),
        3 if preserve => format!(" t=\"inlineStr\"><is><t xml:space=\"preserve\">{t}</t></is>"),
        3 => format!(" t=\"inlineStr\"><is><t>{t}</t></is>"),
        4 => format!(" t=\"str\"><f>X1</f><v>{t}</v>"),
        5 => format!(" t=\"b\"><v>{}</v>", u8::from(n > 0.0)),
        6 => " t=\"e\"><v>#DIV/0!</v>".to_string(),
        7 => "/".to_string(),
        _ => format!(
            " t=\"d\"><v>2024-0{}-1{}</v>",
            1 + (n.abs() as u32) % 9,
            (n.abs() as u32) % 10
        ),
    }
}

fn text_strategy() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        prop_oneof![
            Just("a".to_string()),
            Just(" ".to_string()),
            Just(",".to_string()),
            Just("\"".to_string()),
            Just("\n".to_string()),
            Just("\r\n".to_string()),
            Just("&".to_string()),
            Just("<".to_string()),
            Just("中".to_string()),
            Just("_x000D_".to_string()),
            Just("_x".to_string()),
            Just("Zoë".to_string()),
            "[a-z0-9@.]{1,12}",
        ],
        0..6,
    )
    .prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(120))]

    /// Random sheets (cells of every type, with and without `r`, rows with
    /// gaps, a namespace prefix or not) read as calamine reads them, at
    /// every piece size.
    #[test]
    fn random_sheets_read_as_calamine_reads_them(
        rows in proptest::collection::vec(
            (any::<bool>(), 0u32..3, proptest::collection::vec(
                (any::<u8>(), -1e6f64..1e6, text_strategy(), any::<bool>(), 0u32..3), 0..7)),
            1..12),
        strings in proptest::collection::vec(text_strategy(), 1..6),
        numbered in any::<bool>(),
        prefixed in any::<bool>(),
    ) {
        let sst = format!(
            "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">{}</sst>",
            strings.iter().map(|s| format!("<si><t xml:space=\"preserve\">{}</t></si>", esc(s))).collect::<String>()
        );
        let p = if prefixed { "x:" } else { "" };
        let mut xml = String::new();
        let mut row = 0u32;
        for (with_r, gap, cells) in &rows {
            row += 1 + gap;
            if *with_r {
                xml.push_str(&format!("<{p}row r=\"{row}\">"));
            } else {
                xml.push_str(&format!("<{p}row>"));
                row = row.saturating_sub(*gap);
            }
            let mut col = 0u32;
            for (kind, n, text, preserve, skip) in cells {
                col += 1 + skip;
                let mut letters = String::new();
                let mut c = col;
                while c > 0 {
                    letters.insert(0, char::from(b'A' + ((c - 1) % 26) as u8));
                    c = (c - 1) / 26;
                }
                let r = if numbered && *with_r { format!(" r=\"{letters}{row}\"") } else { String::new() };
                let body = cell_xml(*kind, *n, text, strings.len(), *preserve);
                let body = body.replace("<v>", &format!("<{p}v>")).replace("</v>", &format!("</{p}v>"));
                if body == "/" {
                    xml.push_str(&format!("<{p}c{r}/>"));
                } else {
                    xml.push_str(&format!("<{p}c{r}{body}</{p}c>"));
                }
            }
            xml.push_str(&format!("</{p}row>"));
        }
        let bytes = book(&[("Random", &sheet_xml(&xml, if prefixed { "x" } else { "" }))], Some(&sst), Some(STYLES), "");
        same(&bytes, None);
    }
}
