// Package inputtext decides which text relief accepts from the people who
// use it, and how it shows such text back on a terminal.
//
// Names, addresses and case numbers end up on court papers and on a
// terminal. Some text passes a schema yet breaks both: a carriage return or
// an escape sequence rewrites what a terminal shows, a decomposed accent is
// drawn on the wrong letter, right-to-left script is set left to right,
// and invisible controls (bidirectional overrides, zero-width characters)
// are drawn as visible marks or silently reorder what is printed. Clean
// normalises what can be normalised and names what cannot. Escape makes any
// text safe to print on a terminal.
//
// It knows nothing about case files or rosters; their decoders call it for
// every text value.
package inputtext

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// softHyphen marks where a word may be broken. The papers never break words,
// and the fonts draw it as a visible "-", so Clean drops it.
const softHyphen = '\u00ad'

// Clean returns s in Unicode normal form C, with soft hyphens dropped and,
// when multiline, CRLF line ends turned into LF. When s holds what the
// papers cannot set or a terminal must not receive, it returns a message
// (starting with "contains") saying what and where, and s is to be refused.
//
// One-line values (names, addresses, ids) may hold no control character at
// all; multi-line values (a personal statement) may hold line breaks and
// tabs. Neither may hold bidirectional controls, zero-width or other
// invisible formatting characters, right-to-left scripts, or combining
// marks that normalisation could not join to the letter before them.
func Clean(s string, multiline bool) (string, string) {
	if multiline && strings.Contains(s, "\r\n") {
		s = strings.ReplaceAll(s, "\r\n", "\n")
	}
	if strings.ContainsRune(s, softHyphen) {
		s = strings.ReplaceAll(s, string(softHyphen), "")
	}
	if !norm.NFC.IsNormalString(s) {
		s = norm.NFC.String(s)
	}
	for i, r := range s {
		if what, advice := refuse(r, multiline); what != "" {
			return s, fmt.Sprintf("%s at character %d%s; %s", what, utf8.RuneCountInString(s[:i])+1, context(s, i), advice)
		}
	}
	return s, ""
}

// context shows, for a message, up to 20 characters of s before byte i, so
// that the person finds the place; the characters are escaped.
func context(s string, i int) string {
	before := []rune(s[:i])
	if len(before) == 0 {
		return ""
	}
	if len(before) > 20 {
		before = before[len(before)-20:]
	}
	return fmt.Sprintf(" (after %q)", Escape(string(before)))
}

// refuse says what r is and what to do about it when r may not stand in a
// value, or returns "" for what.
func refuse(r rune, multiline bool) (what, advice string) {
	switch {
	case r == '\n' || r == '\r' || r == '\u2028' || r == '\u2029' || r == '\u0085':
		if multiline && r == '\n' {
			return "", ""
		}
		if multiline {
			return fmt.Sprintf("contains the line separator %U", r), "end lines with an ordinary line break"
		}
		return "contains a line break", "this value must fit on one line"
	case r == '\t':
		if multiline {
			return "", ""
		}
		return "contains a tab", "use a space"
	case unicode.IsControl(r):
		return fmt.Sprintf("contains the control character %U", r), "it would act on the terminal instead of being shown; remove it"
	case isBidiControl(r):
		return fmt.Sprintf("contains the invisible bidirectional control %U", r), "it reorders the text around it; remove it"
	case r == '\u200b' || r == '\u200c' || r == '\u200d' || r == '\u2060' || r == '\ufeff' || r == '\u180e':
		return fmt.Sprintf("contains the invisible zero-width character %U", r), "the papers would print it as a mark; remove it"
	case unicode.Is(unicode.Cf, r):
		return fmt.Sprintf("contains the invisible formatting character %U", r), "remove it"
	case unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Me, r):
		return fmt.Sprintf("contains the combining mark %U", r), "it joins no letter into one character and would be printed apart; type the accented letter itself, or spell the name as the court record does"
	}
	if script := rightToLeft(r); script != "" {
		return fmt.Sprintf("contains %s text (%U)", script, r), "the papers would print this right-to-left script reversed; write it in Latin letters as on the court record"
	}
	return "", ""
}

// isBidiControl reports the explicit directional formatting characters.
func isBidiControl(r rune) bool {
	switch {
	case r == '\u061c', r == '\u200e', r == '\u200f':
		return true
	case r >= '\u202a' && r <= '\u202e':
		return true
	case r >= '\u2066' && r <= '\u2069':
		return true
	}
	return false
}

// rtlScripts are the scripts written right to left that Unicode knows.
var rtlScripts = []struct {
	name  string
	table *unicode.RangeTable
}{
	{"Hebrew", unicode.Hebrew}, {"Arabic", unicode.Arabic}, {"Syriac", unicode.Syriac},
	{"Thaana", unicode.Thaana}, {"N'Ko", unicode.Nko}, {"Samaritan", unicode.Samaritan},
	{"Mandaic", unicode.Mandaic}, {"Adlam", unicode.Adlam}, {"Hanifi Rohingya", unicode.Hanifi_Rohingya},
	{"Imperial Aramaic", unicode.Imperial_Aramaic}, {"Phoenician", unicode.Phoenician},
	{"Kharoshthi", unicode.Kharoshthi}, {"Old South Arabian", unicode.Old_South_Arabian},
	{"Avestan", unicode.Avestan}, {"Mende Kikakui", unicode.Mende_Kikakui},
}

// rightToLeft names the right-to-left script of r, or returns "".
func rightToLeft(r rune) string {
	if r < 0x0590 { // everything below Hebrew is left to right
		return ""
	}
	for _, s := range rtlScripts {
		if unicode.Is(s.table, r) {
			return s.name
		}
	}
	return ""
}

// Escape returns s with everything that would act on a terminal instead of
// being shown written as an escape: control characters (C0, DEL and C1),
// bidirectional controls, line and paragraph separators, invisible
// formatting characters, and bytes that are not UTF-8. Ordinary text,
// accented letters included, is unchanged. Apply it to every value from
// input that is printed, and to every message quoting one.
func Escape(s string) string {
	if safe(s) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && n <= 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case r < 0x80 && unsafeRune(r):
			fmt.Fprintf(&b, `\x%02x`, r)
		case unsafeRune(r):
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteString(s[i : i+n])
		}
		i += n
	}
	return b.String()
}

// EscapeLines is Escape for text of several lines: each line is escaped,
// the line breaks between them kept.
func EscapeLines(s string) string {
	if safe(s) {
		return s
	}
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = Escape(l)
	}
	return strings.Join(lines, "\n")
}

func safe(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x7f {
			return false
		}
	}
	return true
}

// unsafeRune reports whether printing r could act on a terminal or hide
// what follows.
func unsafeRune(r rune) bool {
	return unicode.IsControl(r) || isBidiControl(r) || r == '\u2028' || r == '\u2029' ||
		unicode.Is(unicode.Cf, r)
}
