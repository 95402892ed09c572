package calendar

import (
	"strings"
	"unicode/utf8"
)

// maxOctets is the longest content line RFC 5545 (section 3.1) allows,
// not counting the CRLF.
const maxOctets = 75

// Encode writes events as one VCALENDAR: CRLF line ends, lines folded at
// 75 octets without splitting a UTF-8 character, TEXT values escaped
// (RFC 5545, section 3.3.11). name is the calendar's name
// (X-WR-CALNAME, which calendar programs show); "" for none.
func Encode(name string, events []Event) []byte {
	return []byte(Header(name) + EncodeEvents(events) + Footer)
}

// Header is the start of a calendar named name ("" for none), up to its
// first event; EncodeEvents and Footer follow it, so that a long calendar
// can be written a few events at a time.
func Header(name string) string {
	var b strings.Builder
	line := func(s string) { fold(&b, s) }
	line("BEGIN:VCALENDAR")
	line("VERSION:2.0")
	line("PRODID:-//reliefkit//relief//EN")
	line("CALSCALE:GREGORIAN")
	line("METHOD:PUBLISH")
	if name != "" {
		line("X-WR-CALNAME:" + escape(name))
	}
	return b.String()
}

// EncodeEvents is the text of events, to go between Header and Footer.
func EncodeEvents(events []Event) string {
	var b strings.Builder
	line := func(s string) { fold(&b, s) }
	for _, e := range events {
		line("BEGIN:VEVENT")
		line("UID:" + e.UID)
		line("DTSTAMP:" + compact(e.Stamp.String()) + "T000000Z")
		line("DTSTART;VALUE=DATE:" + compact(e.Date.String()))
		line("DTEND;VALUE=DATE:" + compact(e.Date.AddDays(1).String()))
		line("SUMMARY:" + escape(e.Summary))
		line("DESCRIPTION:" + escape(e.Description))
		line("TRANSP:TRANSPARENT")
		line("END:VEVENT")
	}
	return b.String()
}

// Footer ends a calendar.
const Footer = "END:VCALENDAR\r\n"

func compact(iso string) string { return strings.ReplaceAll(iso, "-", "") }

// escape escapes a TEXT value: backslash, semicolon, comma and newline;
// other control characters, which TEXT may not hold, become spaces.
func escape(s string) string {
	s = textEscaper.Replace(s)
	return strings.Map(func(r rune) rune {
		if r < 0x20 && r != '\t' || r == 0x7f {
			return ' '
		}
		return r
	}, s)
}

var textEscaper = strings.NewReplacer(`\`, `\\`, ";", `\;`, ",", `\,`, "\r\n", `\n`, "\n", `\n`, "\r", `\n`)

// fold writes one content line, folded: after every 75 octets (74 on
// continuation lines, which start with a space) a CRLF and a space, never
// inside a UTF-8 sequence.
func fold(b *strings.Builder, s string) {
	limit := maxOctets
	for len(s) > limit {
		cut := limit
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		b.WriteString(s[:cut])
		b.WriteString("\r\n ")
		s = s[cut:]
		limit = maxOctets - 1
	}
	b.WriteString(s)
	b.WriteString("\r\n")
}
