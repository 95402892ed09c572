package tmpl

import (
	"errors"
	"fmt"
	"math"
	"reflect"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/reliefkit/relief/internal/date"
	"github.com/reliefkit/relief/internal/law"
)

// helpers are the functions written for court papers.
var helpers = map[string]any{
	"longDate":   longDate,
	"isoDate":    isoDate,
	"cite":       cite,
	"cites":      cites,
	"check":      check,
	"yesNo":      yesNo,
	"ordinal":    ordinal,
	"oxford":     oxford,
	"plural":     pluralize,
	"md":         md,
	"upperFirst": upperFirst,
	"lines":      lines,
}

// asDate accepts a date.Date, a "YYYY-MM-DD" string or a time.Time; nil,
// "" and the zero date are the unset date.
func asDate(v any) (date.Date, error) {
	switch x := v.(type) {
	case nil:
		return date.Date{}, nil
	case date.Date:
		return x, nil
	case *date.Date:
		if x == nil {
			return date.Date{}, nil
		}
		return *x, nil
	case string:
		if strings.TrimSpace(x) == "" {
			return date.Date{}, nil
		}
		return date.Parse(strings.TrimSpace(x))
	case time.Time:
		if x.IsZero() {
			return date.Date{}, nil
		}
		return date.FromTime(x), nil
	}
	return date.Date{}, fmt.Errorf("expected a date, got %T", v)
}

// longDate writes a date as courts do: "November 26, 2026"; "" when unset.
func longDate(v any) (string, error) {
	d, err := asDate(v)
	return d.Long(), err
}

// isoDate writes a date as 2026-11-26; "" when unset.
func isoDate(v any) (string, error) {
	d, err := asDate(v)
	return d.String(), err
}

// cite writes one section in California style: "1203.4" is
// "Pen. Code, § 1203.4" and "VC 23152" is "Veh. Code, § 23152".
func cite(section string) (string, error) {
	code, sec, err := splitCite(section)
	if err != nil {
		return "", err
	}
	return code + ", § " + sec, nil
}

// cites writes several sections, grouping those of one code:
// cites "17(b)" "1203.4" is "Pen. Code, §§ 17(b), 1203.4". Arguments may
// be strings or lists of strings.
func cites(args ...any) (string, error) {
	var all []string
	for _, a := range args {
		s, err := strs(a)
		if err != nil {
			return "", err
		}
		all = append(all, s...)
	}
	var codes []string
	secs := make(map[string][]string)
	for _, s := range all {
		code, sec, err := splitCite(s)
		if err != nil {
			return "", err
		}
		if secs[code] == nil {
			codes = append(codes, code)
		}
		secs[code] = append(secs[code], sec)
	}
	parts := make([]string, len(codes))
	for i, c := range codes {
		sign := "§"
		if len(secs[c]) > 1 {
			sign = "§§"
		}
		parts[i] = c + ", " + sign + " " + strings.Join(secs[c], ", ")
	}
	return strings.Join(parts, "; "), nil
}

// splitCite splits "VC 23152" into "Veh. Code" and "23152"; a section
// without a code is in the Penal Code.
func splitCite(s string) (code, section string, err error) {
	f := strings.Fields(s)
	if len(f) == 0 {
		return "", "", errors.New("no section given")
	}
	section = strings.TrimLeft(f[len(f)-1], "§")
	prefix := strings.Trim(strings.Join(f[:len(f)-1], " "), "§ ")
	if r, _ := utf8.DecodeRuneInString(section); section == "" || unicode.IsLetter(r) {
		return "", "", fmt.Errorf("%q is not a section; write it like \"1203.4\" or \"VC 23152\"", s)
	}
	if prefix == "" {
		return "Pen. Code", section, nil
	}
	if name := law.CodeName(prefix); name != "" {
		return name, section, nil
	}
	return "", "", fmt.Errorf("unknown code %q in %q; write it like \"PC 1203.4\" or \"VC 23152\"", prefix, s)
}

// check marks a Markdown task-list box: "x" when b is true, else " ".
func check(b bool) string {
	if b {
		return "x"
	}
	return " "
}

// yesNo writes "Yes" or "No".
func yesNo(b bool) string {
	if b {
		return "Yes"
	}
	return "No"
}

// ordinal writes 1 as "1st", 12 as "12th", 23 as "23rd".
func ordinal(v any) (string, error) {
	n, err := whole(v)
	if err != nil {
		return "", err
	}
	a := uint64(n)
	if n < 0 {
		a = -a
	}
	suffix := "th"
	if a%100 < 11 || a%100 > 13 {
		switch a % 10 {
		case 1:
			suffix = "st"
		case 2:
			suffix = "nd"
		case 3:
			suffix = "rd"
		}
	}
	return strconv.Itoa(n) + suffix, nil
}

// oxford joins a list in prose with a serial comma: "a, b, and c".
func oxford(list any) (string, error) {
	s, err := strs(list)
	if err != nil {
		return "", err
	}
	switch len(s) {
	case 0:
		return "", nil
	case 1:
		return s[0], nil
	case 2:
		return s[0] + " and " + s[1], nil
	}
	return strings.Join(s[:len(s)-1], ", ") + ", and " + s[len(s)-1], nil
}

// pluralize returns one when n is 1 and many otherwise. n is a number or
// a list (its length counts).
func pluralize(n any, one, many string) (string, error) {
	rv := reflect.ValueOf(n)
	switch rv.Kind() {
	case reflect.Slice, reflect.Array, reflect.Map:
		if rv.Len() == 1 {
			return one, nil
		}
		return many, nil
	}
	i, err := whole(n)
	if err != nil {
		return "", err
	}
	if i == 1 {
		return one, nil
	}
	return many, nil
}

// mdSpecial are the ASCII punctuation characters md escapes.
const mdSpecial = "\\`*_{}[]<>()#+-.!|~&="

// md escapes text so that Markdown shows it as written rather than reading
// formatting into it: every character Markdown could treat specially gets
// a backslash, which CommonMark allows before any ASCII punctuation.
// Leading spaces and line breaks are kept as they are.
func md(v any) string {
	s := text(v)
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); i++ {
		if strings.IndexByte(mdSpecial, s[i]) >= 0 {
			b.WriteByte('\\')
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// upperFirst capitalises the first letter.
func upperFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 || r == utf8.RuneError {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

// lines splits text into lines, accepting \n and \r\n; a final line break
// does not start another line, and "" has no lines.
func lines(s string) []string {
	s = strings.TrimSuffix(s, "\n")
	if s == "" {
		return []string{}
	}
	l := strings.Split(s, "\n")
	for i := range l {
		l[i] = strings.TrimSuffix(l[i], "\r")
	}
	return l
}

// whole converts a number (or text holding one) to an int.
func whole(v any) (int, error) {
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return int(rv.Int()), nil
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		if u := rv.Uint(); u <= math.MaxInt {
			return int(u), nil
		}
	case reflect.Float32, reflect.Float64:
		if f := rv.Float(); f == math.Trunc(f) && math.Abs(f) < 1<<62 {
			return int(f), nil
		}
	case reflect.String:
		if n, err := strconv.Atoi(strings.TrimSpace(rv.String())); err == nil {
			return n, nil
		}
	}
	return 0, fmt.Errorf("expected a whole number, got %s", describe(v))
}

// strs turns a string or a list into strings.
func strs(v any) ([]string, error) {
	switch x := v.(type) {
	case string:
		return []string{x}, nil
	case []string:
		return x, nil
	}
	rv := reflect.ValueOf(v)
	if k := rv.Kind(); k != reflect.Slice && k != reflect.Array {
		return nil, fmt.Errorf("expected a list, got %s", describe(v))
	}
	s := make([]string, rv.Len())
	for i := range s {
		s[i] = text(rv.Index(i).Interface())
	}
	return s, nil
}

// text is v as a template would print it; nil is "".
func text(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case fmt.Stringer:
		return x.String()
	}
	return fmt.Sprint(v)
}

func describe(v any) string {
	if v == nil {
		return "nothing (nil)"
	}
	s := fmt.Sprintf("%v", v)
	if len(s) > 40 {
		s = s[:40] + "…"
	}
	return fmt.Sprintf("%q (%T)", s, v)
}
