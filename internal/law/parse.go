package law

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Limits on what ParseRef reads. Real offense strings are far shorter; the
// limits keep hostile input cheap.
const (
	maxRefLen  = 200 // bytes of input
	maxParts   = 4   // "182/664/459/460(a)"
	maxSubs    = 8   // (a)(1)(A)(i)(I)…
	maxSection = 16  // "12022.53", "1203.4a"
)

// ParseError reports text that ParseRef could not read as an offense. Use
// errors.As to get it; UnknownCode tells the two kinds apart.
type ParseError struct {
	Input string // the text as given
	// UnknownCode is the code as written when the text has the shape of
	// an offense but names a code this package does not know ("XYZ 123").
	UnknownCode string
}

// Error returns a message meant for the person who wrote the offense.
func (e *ParseError) Error() string {
	in := e.Input
	if len(in) > 80 {
		cut := 80
		for cut > 0 && !utf8.RuneStart(in[cut]) {
			cut--
		}
		in = in[:cut] + "…"
	}
	switch {
	case e.UnknownCode != "":
		return fmt.Sprintf("unknown code abbreviation %q in %q (known: %s)", e.UnknownCode, in, KnownCodes)
	case strings.TrimSpace(e.Input) == "":
		return `empty offense (expected a code and section, e.g. "PC 459" or "VC 23152(a)")`
	}
	return fmt.Sprintf(`cannot read offense %q (expected a code and section, e.g. "PC 459" or "VC 23152(a)")`, in)
}

// ParseRef reads an offense the way people write it: "PC 459", "459 PC",
// "Pen. Code § 459", "Penal Code section 459", "PC459", "H&S 11350(a)",
// "Veh. Code § 23152(b)", "PC 245 (A)(1)", "PC 288a(c)". It understands
// attempts ("PC 664/211", "PC 664-211"), conspiracies ("PC 182/211",
// "PC 182(a)(1)/211"), and degrees ("PC 459/460(a)", "PC 460(b)",
// "PC 459 (first degree)", "PC 211/212.5(c)"). Subdivision letters are
// normalised by level: (a)(1)(A)(i)(I).
//
// Any error is a *ParseError. ParseRef never panics, and the String of a
// parsed Ref parses back to the same Ref.
func ParseRef(s string) (Ref, error) {
	return parseRef(s, true)
}

// part is one section of an offense expression: "182(a)(1)" in
// "182(a)(1)/211".
type part struct {
	section string
	subs    []string
}

// parseRef does the work of ParseRef. With needCode false a bare section
// ("245", "288(a)") is accepted and Code is left empty (Search uses this).
func parseRef(s string, needCode bool) (Ref, error) {
	fail := func() (Ref, error) { return Ref{}, &ParseError{Input: s} }
	if strings.TrimSpace(s) == "" || len(s) > maxRefLen {
		return fail()
	}
	t := strings.ReplaceAll(s, "§", " ")

	first := strings.IndexFunc(t, func(r rune) bool { return r >= '0' && r <= '9' })
	if first < 0 {
		return fail()
	}
	prefix := t[:first]
	sc := scanner{s: t, i: first}
	parts, ok := sc.expression()
	if !ok {
		return fail()
	}
	degree, rest, ok := readTail(t[sc.i:])
	if !ok {
		return fail()
	}

	codeText := prefix
	if squeezeCode(prefix) == "" {
		if strings.ContainsAny(rest, "0123456789") {
			return fail()
		}
		codeText = rest
		rest = ""
		// "459PC": a known code run into the section with nothing after it.
		if codeText == "" && sc.i == len(t) {
			last := &parts[len(parts)-1]
			if len(last.subs) == 0 {
				if cut, code, ok := splitRunOnCode(last.section); ok {
					last.section = cut
					codeText = code
				}
			}
		}
	}
	if rest != "" {
		return fail()
	}

	r := Ref{Raw: s}
	if squeezeCode(codeText) != "" {
		code, ok := canonicalCode(squeezeCode(codeText))
		if !ok {
			return Ref{}, &ParseError{Input: s, UnknownCode: displayCode(codeText)}
		}
		r.Code = code
	} else if needCode {
		return fail()
	}

	target, ok := r.interpret(parts)
	if !ok {
		return fail()
	}
	if degree != "" {
		if r.Degree != "" && r.Degree != degree {
			return fail()
		}
		r.Degree = degree
	}
	r.Section = target.section
	r.Subdivisions = normalizeSubs(target.subs)
	return r, nil
}

// interpret reads the parts of an expression: leading 664 (attempt) and 182
// (conspiracy), the target section, then a degree section (460 for 459,
// 212.5 for 211) or a trailing 664. It sets the flags and degree on r.
func (r *Ref) interpret(parts []part) (part, bool) {
	i := 0
	for ; i < len(parts)-1; i++ {
		switch parts[i].section {
		case "664":
			if r.Attempt {
				return part{}, false
			}
			r.Attempt = true
			continue
		case "182":
			if r.Conspiracy {
				return part{}, false
			}
			r.Conspiracy = true
			continue
		}
		break
	}
	target := parts[i]
	// "PC 460(a)" alone is first-degree burglary; "PC 212.5(c)" alone is
	// second-degree robbery.
	if sec, deg := degreeOf("", target); deg != "" {
		target, r.Degree = part{section: sec}, deg
	}
	for _, p := range parts[i+1:] {
		if p.section == "664" && !r.Attempt {
			r.Attempt = true
			continue
		}
		sec, deg := degreeOf(target.section, p)
		if sec == "" || r.Degree != "" {
			return part{}, false
		}
		r.Degree = deg
	}
	return target, true
}

// degreeOf reads a degree section: 460(a)/(b) for burglary and
// 212.5(a)/(b)/(c) for robbery. With target "" it accepts either and returns
// the offense section; with a target it accepts only that offense's degree
// section. A degree section without a subdivision ("459/460") names no
// degree: it returns the section and "".
func degreeOf(target string, p part) (section, degree string) {
	sub := ""
	switch len(p.subs) {
	case 0:
	case 1:
		sub = strings.ToLower(p.subs[0])
	default:
		return "", ""
	}
	switch {
	case p.section == "460" && (target == "" || target == "459"):
		switch sub {
		case "a":
			return "459", "first"
		case "b":
			return "459", "second"
		case "":
			if target != "" {
				return "459", ""
			}
		}
	case p.section == "212.5" && (target == "" || target == "211"):
		switch sub {
		case "a", "b":
			return "211", "first"
		case "c":
			return "211", "second"
		case "":
			if target != "" {
				return "211", ""
			}
		}
	}
	return "", ""
}

// readTail reads what follows the expression: an optional degree ("first
// degree", "(2nd)") and other words (a suffix code: "PC", "of the Penal
// Code"). Tokens of punctuation alone ("—", ".") are ignored.
func readTail(s string) (degree, rest string, ok bool) {
	words := strings.FieldsFunc(s, func(r rune) bool {
		switch r {
		case ' ', '\t', '\n', '\r', '(', ')', '[', ']', ',', ';', ':', '-', '/':
			return true
		}
		return false
	})
	var other []string
	sawDegreeWord := false
	for _, w := range words {
		if !strings.ContainsFunc(w, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) {
			continue
		}
		d := ""
		switch strings.ToLower(strings.TrimRight(w, ".")) {
		case "first", "1st":
			d = "first"
		case "second", "2nd":
			d = "second"
		case "degree", "deg":
			sawDegreeWord = true
			continue
		default:
			other = append(other, w)
			continue
		}
		if degree != "" && degree != d {
			return "", "", false
		}
		degree = d
	}
	if sawDegreeWord && degree == "" {
		return "", "", false
	}
	return degree, strings.Join(other, " "), true
}

// splitRunOnCode splits "459pc" into "459" and "pc" when the letters are a
// known code abbreviation.
func splitRunOnCode(section string) (string, string, bool) {
	j := len(section)
	for j > 0 && isLetter(section[j-1]) {
		j--
	}
	if j == len(section) || j == 0 {
		return "", "", false
	}
	if _, ok := canonicalCode(squeezeCode(section[j:])); !ok {
		return "", "", false
	}
	return section[:j], section[j:], true
}

// displayCode is the code as the writer gave it, for error messages.
func displayCode(s string) string {
	return strings.TrimRight(strings.TrimSpace(s), ",;:. ")
}

// scanner reads an offense expression byte by byte.
type scanner struct {
	s string
	i int
}

func (sc *scanner) peek() byte {
	if sc.i < len(sc.s) {
		return sc.s[sc.i]
	}
	return 0
}

func (sc *scanner) skipSpace() {
	for sc.i < len(sc.s) && (sc.s[sc.i] == ' ' || sc.s[sc.i] == '\t') {
		sc.i++
	}
}

// expression reads "section(subs) [/ section(subs)]…". It stops before
// anything it cannot read, leaving it for readTail.
func (sc *scanner) expression() ([]part, bool) {
	var parts []part
	for {
		sec, ok := sc.section()
		if !ok {
			return nil, false
		}
		subs, ok := sc.subdivisions()
		if !ok {
			return nil, false
		}
		parts = append(parts, part{section: sec, subs: subs})
		if len(parts) > maxParts {
			return nil, false
		}
		save := sc.i
		sc.skipSpace()
		if c := sc.peek(); c == '/' || c == '-' {
			sc.i++
			sc.skipSpace()
			if isDigit(sc.peek()) {
				continue
			}
		}
		sc.i = save
		return parts, true
	}
}

// section reads a section number: digits, then any of ".digits" and a run
// of up to three letters ("1203.4", "288a", "273ab", "1203.4a"). Letters
// are lower-cased.
func (sc *scanner) section() (string, bool) {
	start := sc.i
	if !isDigit(sc.peek()) {
		return "", false
	}
	for isDigit(sc.peek()) {
		sc.i++
	}
	for {
		if sc.peek() == '.' && sc.i+1 < len(sc.s) && isDigit(sc.s[sc.i+1]) {
			sc.i++
			for isDigit(sc.peek()) {
				sc.i++
			}
			continue
		}
		j := sc.i
		for j < len(sc.s) && isLetter(sc.s[j]) {
			j++
		}
		if n := j - sc.i; n > 0 && n <= 3 && isDigit(sc.s[sc.i-1]) {
			sc.i = j
			continue
		}
		break
	}
	if sc.i-start > maxSection {
		return "", false
	}
	return strings.ToLower(sc.s[start:sc.i]), true
}

// subdivisions reads "(a)(1)(A)", allowing spaces around and inside the
// parentheses. A parenthesis that does not hold a subdivision label
// ("(first degree)") ends the run and is left unread.
func (sc *scanner) subdivisions() ([]string, bool) {
	var subs []string
	for {
		save := sc.i
		sc.skipSpace()
		if sc.peek() != '(' {
			sc.i = save
			return subs, true
		}
		sc.i++
		sc.skipSpace()
		start := sc.i
		for sc.i < len(sc.s) && isAlnum(sc.s[sc.i]) {
			sc.i++
		}
		tok := sc.s[start:sc.i]
		sc.skipSpace()
		if sc.peek() != ')' || !validSubToken(tok) {
			sc.i = save
			return subs, true
		}
		sc.i++
		subs = append(subs, tok)
		if len(subs) > maxSubs {
			return nil, false
		}
	}
}

// validSubToken reports whether tok can label a subdivision: up to three
// digits, one letter, a doubled letter ("aa"), or a roman numeral.
func validSubToken(tok string) bool {
	switch {
	case tok == "":
		return false
	case isDigits(tok):
		return len(tok) <= 3
	case len(tok) == 1:
		return isLetter(tok[0])
	case len(tok) == 2 && isLetter(tok[0]) && strings.EqualFold(tok[:1], tok[1:]):
		return true
	case len(tok) <= 6:
		for i := 0; i < len(tok); i++ {
			if !strings.ContainsRune("ivxlIVXL", rune(tok[i])) {
				return false
			}
		}
		return true
	}
	return false
}

// normalizeSubs writes subdivision labels the way the codes do, by level:
// (a) subdivision, (1) paragraph, (A) subparagraph, (i) clause, (I)
// subclause. A path that starts with a number ("314(1)") starts at the
// paragraph level. Leading zeros are dropped from numbers.
func normalizeSubs(subs []string) []string {
	if len(subs) == 0 {
		return nil
	}
	start := 0
	if isDigits(subs[0]) {
		start = 1
	}
	out := make([]string, len(subs))
	for i, s := range subs {
		switch {
		case isDigits(s):
			s = strings.TrimLeft(s, "0")
			if s == "" {
				s = "0"
			}
		case i+start == 2 || i+start == 4:
			s = strings.ToUpper(s)
		default:
			s = strings.ToLower(s)
		}
		out[i] = s
	}
	return out
}

// parseSubdivision reads a normalised subdivision path such as "(a)(1)".
// It reports false unless s is exactly the normalised form.
func parseSubdivision(s string) ([]string, bool) {
	if s == "" {
		return nil, true
	}
	sc := scanner{s: s}
	subs, ok := sc.subdivisions()
	if !ok || sc.i != len(s) || len(subs) == 0 {
		return nil, false
	}
	subs = normalizeSubs(subs)
	return subs, joinSubs(subs) == s
}

// validSection reports whether s is a normalised section number.
func validSection(s string) bool {
	sc := scanner{s: s}
	sec, ok := sc.section()
	return ok && sc.i == len(s) && sec == s
}

// joinSubs writes ["a","1"] as "(a)(1)".
func joinSubs(subs []string) string {
	var b strings.Builder
	for _, s := range subs {
		b.WriteByte('(')
		b.WriteString(s)
		b.WriteByte(')')
	}
	return b.String()
}

// SubdivisionString returns the subdivision path, e.g. "(a)(1)"; "" for the
// whole section.
func (r Ref) SubdivisionString() string {
	return joinSubs(r.Subdivisions)
}

// String returns the canonical form, which ParseRef reads back to the same
// Ref: "PC 245(a)(1)", "PC 664/211", "PC 182/211", "PC 182/664/211",
// "PC 459 (first degree)".
func (r Ref) String() string {
	var b strings.Builder
	if r.Code != "" {
		b.WriteString(r.Code)
		b.WriteByte(' ')
	}
	if r.Conspiracy {
		b.WriteString("182/")
	}
	if r.Attempt {
		b.WriteString("664/")
	}
	b.WriteString(r.Section)
	b.WriteString(joinSubs(r.Subdivisions))
	if r.Degree != "" {
		b.WriteString(" (")
		b.WriteString(r.Degree)
		b.WriteString(" degree)")
	}
	return b.String()
}

func isDigit(c byte) bool  { return c >= '0' && c <= '9' }
func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }
func isAlnum(c byte) bool  { return isDigit(c) || isLetter(c) }

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return false
		}
	}
	return true
}
