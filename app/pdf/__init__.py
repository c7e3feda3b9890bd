"""Shared document layout (ReportLab platypus). No Qt, no database: give it text, get PDF bytes.

Stable API (other writers — opinions, notices, monthly reports — rely on these names):

Fonts — `app.pdf.fonts`
    default_fonts() -> FontSet          faces found once per process (design.md §7 order), bundled fallback
    FontSet.name(role)                  ReportLab font name for a role: "body" 仿宋, "title" 小标宋,
                                        "heading" 黑体, "subheading" 楷体, "pagenum" 宋体
    FontSet.runs(text, role)            [(font name, text)] — per-character fallback for missing glyphs
    FontSet.markup(text, role)          escaped ReportLab Paragraph markup with <font name=…> for fallbacks
    FontSet.missing(text, role)         characters no face can draw (empty with the bundled face)
    load_fonts({role: [path, …]})       explicit faces (tests)

Text — `app.pdf.text`
    Text(text, TextStyle, fonts=None)   plain-text flowable: grid tracking, 避头尾, per-character fonts,
                                        splits across pages and inside table cells; "\\n" breaks a line
    TextStyle(role, size, leading, align, first_indent, left_indent, right_indent, chars_per_line, …)

Official documents (GB/T 9704) — `app.pdf.gbt9704`
    styles() -> {"title", "body", "plain", "number", "heading1", "heading2", "right", "cell", "cell_head"}
    title(s), heading1(s), heading2(s), body(s, indent=True), blank(lines=1)
    comparison_table(header, rows, col_widths_mm, size=12)   header repeats per page, rows split, none lost
    signature_block(centre_name, on_date)                    name over date (Arabic numerals), seal room
    chinese_date(d) -> "2026年3月5日";  page_number_text(n) -> "— n —"
    build_official(story, title_meta=, author=, watermark=None|WATERMARK_ONSITE, page_numbers=True) -> bytes
    constants: MARGIN_TOP, MARGIN_LEFT, BLOCK_W, BLOCK_H, BODY_SIZE, TITLE_SIZE, LINE_PITCH,
               CHARS_PER_LINE (28), LINES_PER_PAGE (22), WATERMARK_ONSITE

Reports (plain A4 pages) — `app.pdf.report`
    report_document(title, story_fn(fonts) -> [flowables], header_text=, footer_text=, landscape=False) -> bytes
    report_styles() -> {"title", "h1", "h2", "body", "plain", "small", "cell", "cell_head", "cell_num"}
    para(text, style_name_or_TextStyle), h1(text), h2(text)
    data_table(header, rows, col_widths_mm, numeric_cols=(), avail_width_mm=None)

Both builders pass invariant=1 to ReportLab: the same input gives the same bytes.
"""
