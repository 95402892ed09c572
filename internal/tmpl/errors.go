package tmpl

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"sync"
)

// Error is a problem with a template, located in the file a person edits.
// It is the only error type Render and Parse return.
type Error struct {
	Path string // template path, e.g. "dismissal/petition.md.tmpl"
	Line int    // 1-based line in the original file; 0 when unknown
	Col  int    // 1-based byte column; 0 when unknown
	Msg  string

	cause error // underlying error for errors.Is (e.g. fs.ErrNotExist); may be nil
}

// Error formats the problem as "path:line:col: msg", leaving out the parts
// that are unknown.
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.Path)
	if e.Line > 0 {
		b.WriteString(":" + strconv.Itoa(e.Line))
		if e.Col > 0 {
			b.WriteString(":" + strconv.Itoa(e.Col))
		}
	}
	b.WriteString(": ")
	b.WriteString(e.Msg)
	return b.String()
}

// Unwrap returns the underlying error, if any.
func (e *Error) Unwrap() error { return e.cause }

// file is a parsed template file, kept to translate text/template's
// positions into positions in the file on disk.
type file struct {
	name   string // the parse name: the template's path
	src    string // the text given to the parser
	offset int    // lines before src in the original file (front matter)
}

// translate turns an error from text/template into an *Error. text/template
// formats its errors as
//
//	template: NAME:LINE: msg                                  (parse)
//	template: NAME:LINE:COL: executing "T" at <CONTEXT>: msg  (execute)
//
// where NAME is the file the text came from and COL is 0-based. Its error
// kinds are not exported, so the text is all there is to go on.
func translate(err error, files map[string]file, fallback string) *Error {
	var te *Error
	if errors.As(err, &te) {
		return te
	}
	msg := strings.TrimPrefix(err.Error(), "template: ")
	e := &Error{Path: fallback, Msg: msg}
	name := ""
	for n := range files {
		if strings.HasPrefix(msg, n+":") && len(n) > len(name) {
			name = n
		}
	}
	if name == "" {
		e.Msg = clean(e.Msg, "", "")
		return e
	}
	e.Path = name
	rest := msg[len(name)+1:]
	e.Line, rest = number(rest)
	if e.Line == 0 { // "template: NAME: msg", no position
		e.Msg = clean(strings.TrimSpace(rest), "", "")
		return e
	}
	col, after := number(rest)
	if ctx, body, ok := executing(after); ok {
		e.Col = col + 1
		expr, start := chainAt(files[name].src, e.Line, e.Col)
		e.Msg = clean(body, ctx, expr)
		// Point at the name at fault rather than where text/template
		// points (the second element of a chain).
		if i := segment(expr, faulty(body)); i >= 0 {
			e.Col = start + i
		}
	} else {
		rest = strings.TrimSpace(rest)
		e.Msg = clean(rest, "", "")
		if f, ok := strings.CutPrefix(rest, "function "); ok {
			if n, err := strconv.Unquote(strings.TrimSuffix(f, " not defined")); err == nil {
				e.Col = wordColumn(files[name].src, e.Line, n)
			}
		}
	}
	e.Line += files[name].offset
	return e
}

// number reads "123:" from the start of s and returns 123 and the rest
// after the colon, or 0 and s when s does not start that way.
func number(s string) (int, string) {
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	if i == 0 || i >= len(s) || s[i] != ':' {
		return 0, s
	}
	n, err := strconv.Atoi(s[:i])
	if err != nil {
		return 0, s
	}
	return n, s[i+1:]
}

// executing splits ` executing "T" at <CONTEXT>: msg` into CONTEXT and msg.
func executing(s string) (ctx, msg string, ok bool) {
	if s, ok = strings.CutPrefix(s, " executing "); !ok {
		return "", "", false
	}
	i := strings.Index(s, " at <")
	if i < 0 {
		return "", "", false
	}
	s = s[i+len(" at <"):]
	j := strings.Index(s, ">: ")
	if j < 0 {
		return "", "", false
	}
	return s[:j], s[j+len(">: "):], true
}

// chainAt returns the field or variable chain (".A.B", "$x.C") around
// line:col of src and the column it starts at, or "".
func chainAt(src string, line, col int) (expr string, start int) {
	l := lineOf(src, line)
	if col < 1 || col > len(l) {
		return "", 0
	}
	in := func(c byte) bool { return isIdent(c) || c == '.' || c == '$' }
	i, j := col-1, col-1
	for i > 0 && in(l[i-1]) {
		i--
	}
	for j < len(l) && in(l[j]) {
		j++
	}
	return l[i:j], i + 1
}

// segment returns the index of ".name" in a chain, where it is a whole
// element, or -1.
func segment(chain, name string) int {
	if name == "" {
		return -1
	}
	for i := 0; ; {
		j := strings.Index(chain[i:], "."+name)
		if j < 0 {
			return -1
		}
		i += j
		if end := i + 1 + len(name); end == len(chain) || chain[end] == '.' {
			return i
		}
		i++
	}
}

// wordColumn returns the 1-based column of the first whole word w on the
// given line of src, or 0.
func wordColumn(src string, line int, w string) int {
	l := lineOf(src, line)
	for i := 0; i+len(w) <= len(l); i++ {
		if l[i:i+len(w)] == w && (i == 0 || !isIdent(l[i-1])) && (i+len(w) == len(l) || !isIdent(l[i+len(w)])) {
			return i + 1
		}
	}
	return 0
}

func lineOf(src string, line int) string {
	for i := 1; i < line; i++ {
		j := strings.IndexByte(src, '\n')
		if j < 0 {
			return ""
		}
		src = src[j+1:]
	}
	if j := strings.IndexByte(src, '\n'); j >= 0 {
		src = src[:j]
	}
	return src
}

func isIdent(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c >= 0x80
}

// The patterns of text/template's messages, compiled when a rendering
// first fails rather than when relief starts.
var (
	reField = lazyRE(`^can't evaluate field (\w+) in type (.+)$`)
	reKey   = lazyRE(`^map has no entry for key "(.+)"$`)
	reNil   = lazyRE(`^nil pointer evaluating .*\.(\w+)$`)
	reCall  = lazyRE(`(?s)^error calling (\w+): (.*)$`)
	reArgs  = lazyRE(`^wrong number of args for (\w+): want (at least )?(\d+) got (\d+)$`)
	reWrong = lazyRE(`^wrong type for value; expected (.+); got (.+)$`)
	reFound = lazyRE(`^expected (\S+); found (.+)$`)
)

// faulty returns the field or key an error message is about, or "".
func faulty(msg string) string {
	for _, re := range []func() *regexp.Regexp{reField, reKey, reNil} {
		if m := re().FindStringSubmatch(msg); m != nil {
			return m[1]
		}
	}
	return ""
}

// clean rewords text/template's messages for people who are not
// programmers. ctx is the expression text/template names, expr the same
// expression read from the source (not truncated); both may be "".
func clean(msg, ctx, expr string) string {
	if expr == "" && !strings.HasSuffix(ctx, "...") {
		expr = ctx
	}
	if m := reField().FindStringSubmatch(msg); m != nil {
		if i := segment(expr, m[1]); i > 0 {
			return fmt.Sprintf("unknown field %q in %s", m[1], expr[:i])
		}
		return fmt.Sprintf("unknown field %q", m[1])
	}
	if m := reKey().FindStringSubmatch(msg); m != nil {
		if i := segment(expr, m[1]); i > 0 {
			return fmt.Sprintf("map %s has no entry for key %q", expr[:i], m[1])
		}
		return msg
	}
	if m := reNil().FindStringSubmatch(msg); m != nil {
		if i := segment(expr, m[1]); i > 0 {
			return fmt.Sprintf("cannot read %s: %s is empty (nil)", expr[:i+1+len(m[1])], expr[:i])
		}
		return fmt.Sprintf("cannot read field %q: the value it belongs to is empty (nil)", m[1])
	}
	if m := reCall().FindStringSubmatch(msg); m != nil {
		switch m[1] {
		case "fail", rangeGuard, callGuard:
			return m[2]
		}
		return m[1] + ": " + m[2]
	}
	if m := reArgs().FindStringSubmatch(msg); m != nil {
		noun := "arguments"
		if m[3] == "1" {
			noun = "argument"
		}
		return fmt.Sprintf("%s needs %s%s %s but was given %s", m[1], m[2], m[3], noun, m[4])
	}
	if m := reWrong().FindStringSubmatch(msg); m != nil {
		return fmt.Sprintf("wrong kind of value: expected %s, got %s", m[1], m[2])
	}
	if m := reFound().FindStringSubmatch(msg); m != nil {
		return fmt.Sprintf("wrong kind of value: expected %s, found %s", m[1], m[2])
	}
	switch {
	case msg == "unexpected EOF":
		return "the template ends too early; is an {{end}} missing?"
	case strings.HasPrefix(msg, "function ") && strings.HasSuffix(msg, " not defined"):
		name, _ := strconv.Unquote(strings.TrimSuffix(strings.TrimPrefix(msg, "function "), " not defined"))
		if why := removed[name]; why != "" {
			return msg + "; " + why
		}
	case strings.HasPrefix(msg, "exceeded maximum template depth"):
		return msg + "; does a template call itself without end?"
	}
	return msg
}

// lazyRE returns a function that compiles pattern on its first call.
func lazyRE(pattern string) func() *regexp.Regexp {
	return sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(pattern) })
}
