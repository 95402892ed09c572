package rapsheet

import (
	"strings"
	"unicode/utf8"
)

// runeFix maps characters OCR and word processors put into sheets onto the
// plain ASCII the grammar expects.
var runeFix = strings.NewReplacer(
	"\u00a0", " ", "\t", " ", "\f", "", "\u2013", "-", "\u2014", "-", "\u2212", "-",
	"É", "E", "È", "E", "Ê", "E", "Ç", "C", "Ọ", "O", "Ó", "O", "Ò", "O", "Ö", "O",
	"Í", "I", "Ì", "I", "Á", "A", "À", "A", "Ú", "U", "Ü", "U", "▯", "", "\u2018", "'", "\u2019", "'",
	"\u00b7", ".", "\u2022", ".", "\u201c", `"`, "\u201d", `"`, "\ufffd", "",
)

// wordFix are whole-token OCR misreadings of keywords, as seen in sheets
// that went through a scanner (after upper-casing).
var wordFix = []struct {
	re   *lazyRegexp
	with string
}{
	{lazyRE(`^\s*C\s*(?:H|N|NI|NÍ)\s*[TI]?\s*[:;]`), "CNT:"},
	{lazyRE(`\bTNFRACTION\b`), "INFRACTION"},
	{lazyRE(`\bCOMVICT`), "CONVICT"},
	{lazyRE(`\bCONV\s*STAT[IU]S\s*[.:;,]\s*`), "CONV STATUS:"},
	{lazyRE(`\bRESIN\b`), "RESTN"},
	{lazyRE(`\bFINESS\b`), "FINE SS"},
	{lazyRE(`^\s*\*?\s*D\s*I\s*S\s*P\s*O\s*[:;]\s*`), "DISPO:"},
	{lazyRE(`^\s*\*\s*DISPO:`), "DISPO:"},
	{lazyRE(`^\s*SEN\s*[;]\s*`), "SEN: "},
	{lazyRE(`^\s*COM\s*[;]\s*`), "COM: "},
}

// clean upper-cases a raw line and repairs the OCR damage the grammar knows.
// The result never holds invalid UTF-8.
func clean(raw string) string {
	if !utf8.ValidString(raw) {
		raw = strings.ToValidUTF8(raw, "")
	}
	s := strings.ToUpper(runeFix.Replace(raw))
	// Scanner specks before a line's first word: ".COM;", "' SEN:", ".496.".
	s = strings.TrimLeft(s, " .,'`")
	for _, f := range wordFix {
		s = f.re.ReplaceAllString(s, f.with)
	}
	return strings.TrimSpace(s)
}

var (
	pageLine = lazyRE(`^(?:PAGE\s*\d+(?:\s*(?:OF|/)\s*\d+)?|\d+\s*OF\s*\d+|-\s*\d+\s*-)$`)
	// Browser print headers and footers: a time stamp, a URL, "about:blank".
	printLine  = lazyRE(`^(?:\d{1,2}/\d{1,2}/\d{2,4},?\s+\d{1,2}:\d{2}(?:\s*[AP]M)?.*|HTTPS?://\S+.*|ABOUT:BLANK.*|FILE:///\S+.*)$`)
	bannerLine = lazyRE(`^RESTRICTED\s*-?\s*DO NOT USE`)
)

// isNoise reports whether a cleaned line is a page header or footer that
// may appear anywhere, even inside a count.
func isNoise(s string) bool {
	return s == "" || pageLine.MatchString(s) || printLine.MatchString(s)
}

// splitLines cleans text into lines, dropping noise but keeping the numbers
// of the lines that remain. page, when positive, is recorded on each line.
func splitLines(text string, page, first int) []Line {
	text = strings.ReplaceAll(text, "\r\n", "\n")
	text = strings.ReplaceAll(text, "\r", "\n")
	var out []Line
	for i, raw := range strings.Split(text, "\n") {
		raw = strings.Map(noControl, strings.ToValidUTF8(raw, ""))
		s := clean(raw)
		if isNoise(s) {
			continue
		}
		out = append(out, Line{N: first + i, Page: page, Text: s, Raw: strings.TrimSpace(raw)})
	}
	return out
}

// noControl turns control characters (NUL, escapes, C1 controls, line and
// paragraph separators) into blanks: they have no place in a sheet and none
// in a TOML comment.
func noControl(r rune) rune {
	if r < 0x20 && r != '\f' || r == 0x7f || r >= 0x80 && r < 0xa0 || r == 0x2028 || r == 0x2029 || r == 0xfeff {
		return ' '
	}
	return r
}
