"""`Text`: a platypus flowable for Chinese text on a character grid, with 避头尾 and per-character fonts.

ReportLab's own CJK wrapping lets a few closing marks hang into the margin and misses others (，；：？！” …),
has no tracking, and puts the first baseline at `fontSize` below the top. This flowable:
- breaks between any two CJK characters, keeps Latin words and numbers ("CN202310012345.6") together;
- never starts a line with closing punctuation nor ends one with opening punctuation (避头尾): it pushes the
  last character(s) of the line down instead of hanging them, then justifies the short line;
- optionally sets a fixed number of full-width characters per line by computing the tracking (GB/T 9704's
  28 characters in 156 mm);
- places each line's em box at the top of its line slot, so the first line's characters start exactly at the
  top of the frame (GB/T 9704 measures the text block from the characters);
- draws every character with a face that has its glyph (app.pdf.fonts.FontSet.runs);
- splits between lines, also inside table cells (Table(splitInRow=1)).
"""
from __future__ import annotations

from dataclasses import dataclass, replace

from reportlab.lib.colors import Color, black
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus.flowables import Flowable

from app.pdf.fonts import FontSet, default_fonts

# 避头: marks that must not begin a line. 避尾: marks that must not end one.
CANNOT_START = set("，。、；：？！）》」』”’〉】〕］｝…‥·・%‰℃,.;:?!)]}>")
CANNOT_END = set("（《「『“‘〈【〔［｛([{<")
# Characters kept together with their neighbours in a run (a Latin word, a number, a patent number…).
_WORD = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-_/:%@#&+'")
# Marks written doubled that must stay on one line (破折号 ——, 省略号 ……).
_PAIRED = set("—…")
_LONG_WORD = 6    # glyphs: shorter Latin words and numbers always stay whole
_BREAK_ROOM = 2   # grid cells left empty before a long word is broken instead
_FUZZ = 0.01


@dataclass(frozen=True)
class TextStyle:
    role: str = "body"                 # font role (app.pdf.fonts.ROLES)
    size: float = 16.0                 # pt
    leading: float = 24.0              # line pitch, pt
    align: str = "justify"             # justify | left | center | right
    first_indent: float = 0.0          # in characters (em of this size) — 2 for body paragraphs
    left_indent: float = 0.0           # in characters
    right_indent: float = 0.0          # in characters
    chars_per_line: int | None = None  # set tracking so this many full-width characters fill the width
    tracking: float = 0.0              # extra space after each character, pt (ignored with chars_per_line)
    space_before: float = 0.0
    space_after: float = 0.0
    color: Color = black

    def but(self, **changes) -> "TextStyle":
        return replace(self, **changes)


@dataclass
class _Line:
    glyphs: list[tuple[str, str, float]]   # (character, font name, advance width without tracking)
    x: float                               # left offset of the first character
    char_space: float                      # PDF Tc for the line (tracking + justification)


def _tokens(glyphs: list[tuple[str, str, float]]) -> list[list[tuple[str, str, float]]]:
    """Group characters into unbreakable tokens: Latin words/numbers, doubled dashes/ellipses, else one each."""
    out: list[list[tuple[str, str, float]]] = []
    for g in glyphs:
        ch = g[0]
        if out:
            prev = out[-1][-1][0]
            if (ch in _WORD and prev in _WORD) or (ch in _PAIRED and prev == ch):
                out[-1].append(g)
                continue
        out.append([g])
    return out


class Text(Flowable):
    """A paragraph of plain text (no markup). `\\n` forces a line break."""

    def __init__(self, text: str, style: TextStyle, fonts: FontSet | None = None):
        super().__init__()
        self.text = text
        self.style = style
        self.fonts = fonts or default_fonts()
        self._lines: list[_Line] | None = None
        self._width: float | None = None

    # ----- layout -------------------------------------------------------------------------------------------
    def _tracking(self, width: float) -> float:
        st = self.style
        if st.chars_per_line and st.chars_per_line > 1:
            # n full-width characters and n−1 gaps exactly fill the full width (the grid); indents are
            # counted in grid characters, so an indented line holds fewer characters on the same grid
            return (width - st.chars_per_line * st.size) / (st.chars_per_line - 1)
        return st.tracking

    def _layout(self, width: float) -> list[_Line]:
        st = self.style
        t = self._tracking(width)
        pitch = st.size + t
        lines: list[_Line] = []
        for n, segment in enumerate(self.text.split("\n")):
            glyphs = []
            for name, chunk in self.fonts.runs(segment, st.role):
                glyphs += [(ch, name, stringWidth(ch, name, st.size)) for ch in chunk]
            tokens = _tokens(glyphs)
            first = True
            i = 0
            while True:
                indent = (st.left_indent + (st.first_indent if (first and n == 0) else 0)) * pitch
                avail = width - indent - st.right_indent * pitch
                start = i
                used = 0.0
                while i < len(tokens):
                    tw = sum(g[2] + t for g in tokens[i])
                    if used + tw - t > avail + _FUZZ:
                        # Break a word longer than the line; and a long number (a patent number, a
                        # credit code) that would otherwise leave two or more empty grid cells, which
                        # justification then spreads over the line as wide letter spacing.
                        room = avail - used
                        long_word = len(tokens[i]) >= _LONG_WORD and room >= _BREAK_ROOM * pitch
                        if len(tokens[i]) > 1 and (i == start or long_word):
                            tokens[i:i + 1] = [[g] for g in tokens[i]]
                            continue
                        if i > start:
                            break
                    used += tw
                    i += 1
                if i < len(tokens):
                    i = self._kinsoku(tokens, start, i)
                line_tokens = tokens[start:i]
                while line_tokens and line_tokens[-1][0][0] == " ":
                    line_tokens = line_tokens[:-1]
                line_glyphs = [g for tok in line_tokens for g in tok]
                last = i >= len(tokens)
                lines.append(self._place(line_glyphs, indent, avail, t, last))
                first = False
                while i < len(tokens) and tokens[i][0][0] == " ":
                    i += 1
                if last or i >= len(tokens):
                    break
        return lines

    @staticmethod
    def _kinsoku(tokens, start: int, i: int) -> int:
        """Move the break back so the next line does not start with 。，” etc. and this one not end with （“."""
        j = i
        while j - start > 1 and (tokens[j][0][0] in CANNOT_START or tokens[j - 1][-1][0] in CANNOT_END):
            j -= 1
        if tokens[j][0][0] in CANNOT_START or tokens[j - 1][-1][0] in CANNOT_END:
            return i  # cannot be helped (the whole line is punctuation): keep the natural break
        return j

    def _place(self, glyphs, indent: float, avail: float, t: float, last: bool) -> _Line:
        st = self.style
        natural = sum(g[2] for g in glyphs) + t * max(len(glyphs) - 1, 0)
        spare = avail - natural
        x = indent
        cs = t
        if st.align == "justify" and not last and len(glyphs) > 1 and spare > 0:
            cs = t + spare / (len(glyphs) - 1)
        elif st.align == "center":
            x += spare / 2
        elif st.align == "right":
            x += spare
        return _Line(glyphs=glyphs, x=x, char_space=cs)

    # ----- platypus protocol --------------------------------------------------------------------------------
    def wrap(self, availWidth, availHeight):
        if self._lines is None or (self._width is not None and abs(self._width - availWidth) > _FUZZ
                                   and self.text is not None):
            self._lines = self._layout(availWidth)
            self._width = availWidth
        self.width = availWidth
        self.height = len(self._lines) * self.style.leading
        return self.width, self.height

    def split(self, availWidth, availHeight):
        self.wrap(availWidth, availHeight)
        assert self._lines is not None
        fit = int((availHeight + _FUZZ) / self.style.leading)
        if fit <= 0:
            return []
        if fit >= len(self._lines):
            # Everything fits (the caller measured with a stale height). Still answer with two parts:
            # ReportLab's in-row table splitting takes splits[0] and splits[1] unconditionally.
            return [self._part(self._lines, before=True), self._part([], before=False)]
        return [self._part(self._lines[:fit], before=True), self._part(self._lines[fit:], before=False)]

    def _part(self, lines: list[_Line], before: bool) -> "Text":
        part = Text.__new__(Text)
        Flowable.__init__(part)
        part.text = None  # laid out already: never re-flowed
        part.fonts = self.fonts
        part.style = self.style.but(space_after=0) if before else self.style.but(space_before=0)
        part._lines = lines
        part._width = self._width
        return part

    def getSpaceBefore(self):
        return self.style.space_before

    def getSpaceAfter(self):
        return self.style.space_after

    def line_texts(self) -> list[str]:
        """The laid-out lines as strings (after wrap); used by tests and diagnostics."""
        return ["".join(g[0] for g in line.glyphs) for line in (self._lines or [])]

    def draw(self):
        st = self.style
        canv = self.canv
        descent = self.fonts.face(st.role).descent
        for k, line in enumerate(self._lines or []):
            if not line.glyphs:
                continue
            # baseline so that the em box (descent … descent+1 em) starts at the top of the line slot
            y = self.height - k * st.leading - st.size * (1 + descent)
            # Every character at its own absolute position rather than one string with a character spacing
            # (Tc): ReportLab splits a line into several strings when its glyphs fall in different font
            # subsets, and text extractors (pdfminer) drop the spacing at those joins, so the text layer's
            # boxes would drift from what a printer draws.
            tx = canv.beginText(line.x, y)
            tx.setFillColor(st.color)
            x = line.x
            current = None
            for ch, name, w in line.glyphs:
                if name != current:
                    tx.setFont(name, st.size)
                    current = name
                tx.setTextOrigin(x, y)
                tx.textOut(ch)
                x += w + line.char_space
            canv.drawText(tx)
