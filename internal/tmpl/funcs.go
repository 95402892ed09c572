package tmpl

import (
	"errors"
	"fmt"
	"maps"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"text/template"
	"time"

	"github.com/Masterminds/sprig/v3"
)

// Reasons given when a template names a removed function.
const (
	whyClock  = "templates cannot read the clock or use sprig's date functions; use longDate or isoDate on dates from the case file"
	whyRandom = "templates cannot use randomness; the same case file must give the same papers"
	whyEnv    = "templates cannot read environment variables"
	whyNet    = "templates cannot use the network"
	whyKeys   = "templates cannot make keys, certificates, password hashes or ciphertext"
	whyOS     = "file-path functions that depend on the operating system are not available; use base, dir, ext or clean"
)

// removed names the sprig functions templates cannot use, with the reason
// a template that names one is given. Some are already left out of sprig's
// hermetic set; they are listed so that the reason is given.
var removed = map[string]string{
	// Clock, local time zone, or dates (which come from the case file).
	"now": whyClock, "ago": whyClock, "date": whyClock, "dateInZone": whyClock,
	"date_in_zone": whyClock, "dateModify": whyClock, "date_modify": whyClock,
	"mustDateModify": whyClock, "must_date_modify": whyClock, "htmlDate": whyClock,
	"htmlDateInZone": whyClock, "toDate": whyClock, "mustToDate": whyClock,
	"duration": whyClock, "durationRound": whyClock, "unixEpoch": whyClock,

	// Randomness.
	"randAlphaNum": whyRandom, "randAlpha": whyRandom, "randAscii": whyRandom,
	"randNumeric": whyRandom, "randBytes": whyRandom, "randInt": whyRandom,
	"shuffle": whyRandom, "uuidv4": whyRandom,

	// Environment, network, operating system.
	"env": whyEnv, "expandenv": whyEnv, "getHostByName": whyNet,
	"osBase": whyOS, "osClean": whyOS, "osDir": whyOS, "osExt": whyOS, "osIsAbs": whyOS,

	// Keys and passwords: random, slow (bcrypt, scrypt) or of no use in court papers.
	"bcrypt": whyKeys, "htpasswd": whyKeys, "derivePassword": whyKeys,
	"genPrivateKey": whyKeys, "buildCustomCert": whyKeys, "genCA": whyKeys,
	"genCAWithKey": whyKeys, "genSelfSignedCert": whyKeys, "genSelfSignedCertWithKey": whyKeys,
	"genSignedCert": whyKeys, "genSignedCertWithKey": whyKeys,
	"encryptAES": whyKeys, "decryptAES": whyKeys,
}

// builtins are text/template's own functions that funcs does not replace.
var builtins = []string{"and", "call", "eq", "ge", "gt", "index", "le", "len", "lt", "ne", "not", "or"}

// baseFuncs are the functions that do not depend on a rendering's limits:
// sprig's hermetic set without the removed ones, replacements for those
// that could make huge values or panic, the helpers, and text/template's
// escapers (so that their results are measured too). It is made once
// and must not be changed. sized takes the sprig functions it wraps from
// it, none of which the replacements here change.
var baseFuncs = sync.OnceValue(func() map[string]any {
	// HermeticTxtFuncMap returns a copy of its own to change.
	m := map[string]any(sprig.HermeticTxtFuncMap())
	for name := range removed {
		delete(m, name)
	}
	m["until"] = until
	m["untilStep"] = untilStep
	m["seq"] = seq
	m["substr"] = substr
	chunk := m["chunk"].(func(int, any) [][]any)
	mustChunk := m["mustChunk"].(func(int, any) ([][]any, error))
	m["chunk"] = func(size int, list any) ([][]any, error) {
		if size < 1 {
			return nil, errors.New("the chunk size must be at least 1")
		}
		return chunk(size, list), nil
	}
	m["mustChunk"] = func(size int, list any) ([][]any, error) {
		if size < 1 {
			return nil, errors.New("the chunk size must be at least 1")
		}
		return mustChunk(size, list)
	}
	uniq := m["uniq"].(func(any) []any)
	mustUniq := m["mustUniq"].(func(any) ([]any, error))
	m["uniq"] = func(list any) ([]any, error) {
		if err := shortList(list); err != nil {
			return nil, err
		}
		return uniq(list), nil
	}
	m["mustUniq"] = func(list any) ([]any, error) {
		if err := shortList(list); err != nil {
			return nil, err
		}
		return mustUniq(list)
	}
	m["html"] = template.HTMLEscaper
	m["js"] = template.JSEscaper
	m["urlquery"] = template.URLQueryEscaper
	maps.Copy(m, helpers)
	return m
})

// funcs returns the function map for one rendering: every function guarded
// by r (see guard), plus the range guard.
func (r *run) funcs() template.FuncMap {
	base := baseFuncs()
	sized := r.sized()
	m := make(template.FuncMap, len(base)+len(sized)+1)
	for name, fn := range base {
		m[name] = r.guard(fn)
	}
	for name, fn := range sized {
		m[name] = r.guard(fn)
	}
	m[rangeGuard] = r.rangeOver
	m[callGuard] = r.enter
	m[leaveGuard] = r.leave
	return m
}

// funcsFor is funcs with only the functions named: an instance of a
// template needs only the functions its trees call (see calledFuncs), and making those
// few is far cheaper than making them all. Names funcs does not have, such
// as text/template's own functions, are left out, so text/template finds
// the same function for every name as with the whole map.
func (r *run) funcsFor(names []string) template.FuncMap {
	base, isSized := baseFuncs(), sizedNames()
	var sized map[string]any // made when first needed
	m := make(template.FuncMap, len(names))
	for _, name := range names {
		switch {
		case name == rangeGuard:
			m[name] = r.rangeOver
		case name == callGuard:
			m[name] = r.enter
		case name == leaveGuard:
			m[name] = r.leave
		case isSized[name]:
			if sized == nil {
				sized = r.sized()
			}
			m[name] = r.guard(sized[name])
		case base[name] != nil:
			m[name] = r.guard(base[name])
		}
	}
	return m
}

// sizedNames are the names of the functions sized makes.
var sizedNames = sync.OnceValue(func() map[string]bool {
	names := make(map[string]bool)
	for name := range (&run{}).sized() {
		names[name] = true
	}
	return names
})

// parseFuncs is the whole function map a template could be parsed with
// (parseChecked uses the part of it parseFuncsIn picks; FuncNames lists
// it): text/template needs the names to parse, and the types to accept the map, but the
// template parsed is never run (Render runs its trees in instances with
// functions of their own). Should one run anyway, every call fails: the
// run's deadline passed long ago.
var parseFuncs = sync.OnceValue(func() template.FuncMap { return parseRun().funcs() })

// parseRun is the run behind the parse-time functions.
var parseRun = sync.OnceValue(func() *run {
	return &run{deadline: time.Unix(1, 0), max: defaultMaxOutput, maxValue: defaultMaxOutput}
})

// FuncNames returns the sorted names of the functions templates can use,
// text/template's built-ins included.
func FuncNames() []string {
	names := slices.Collect(maps.Keys(parseFuncs()))
	names = slices.DeleteFunc(append(names, builtins...), func(n string) bool { return n == rangeGuard || n == callGuard || n == leaveGuard })
	slices.Sort(names)
	return names
}

// sized are the functions whose result can be far larger than their
// arguments: each works out the size of its result before making it and
// refuses one larger than maxValue, so that a single call cannot
// exhaust memory before guard measures it.
func (r *run) sized() map[string]any {
	base := baseFuncs()
	cat := base["cat"].(func(...any) string)
	join := base["join"].(func(string, any) string)
	wrapWith := base["wrapWith"].(func(int, string, string) string)
	re := func(fn func(string, string, string) string) func(string, string, string) (string, error) {
		return func(expr, s, repl string) (string, error) {
			if err := r.fitsReplace(expr, s, repl); err != nil {
				return "", err
			}
			return fn(expr, s, repl), nil
		}
	}
	mustRe := func(fn func(string, string, string) (string, error)) func(string, string, string) (string, error) {
		return func(expr, s, repl string) (string, error) {
			if err := r.fitsReplace(expr, s, repl); err != nil {
				return "", err
			}
			return fn(expr, s, repl)
		}
	}
	return map[string]any{
		"repeat": func(n int, s string) (string, error) {
			if err := limitCount(n); err != nil {
				return "", err
			}
			if err := r.fits(n * len(s)); err != nil {
				return "", err
			}
			return strings.Repeat(s, n), nil
		},
		"indent": func(n int, s string) (string, error) {
			if err := r.fitsIndent(n, s); err != nil {
				return "", err
			}
			return indent(n, s), nil
		},
		"nindent": func(n int, s string) (string, error) {
			if err := r.fitsIndent(n, s); err != nil {
				return "", err
			}
			return "\n" + indent(n, s), nil
		},
		"wrapWith": func(n int, sep, s string) (string, error) {
			if err := r.fits(len(s) + (len(s)/max(n, 1)+1)*len(sep)); err != nil {
				return "", err
			}
			return wrapWith(n, sep, s), nil
		},
		"replace": func(old, new, s string) (string, error) {
			n := strings.Count(s, old)
			if err := r.fits(len(s) + n*(len(new)-len(old))); err != nil {
				return "", err
			}
			return strings.ReplaceAll(s, old, new), nil
		},
		"regexReplaceAll":            re(base["regexReplaceAll"].(func(string, string, string) string)),
		"regexReplaceAllLiteral":     re(base["regexReplaceAllLiteral"].(func(string, string, string) string)),
		"mustRegexReplaceAll":        mustRe(base["mustRegexReplaceAll"].(func(string, string, string) (string, error))),
		"mustRegexReplaceAllLiteral": mustRe(base["mustRegexReplaceAllLiteral"].(func(string, string, string) (string, error))),
		"join": func(sep string, list any) (string, error) {
			if n := length(list); n > 1 {
				if err := r.fits((n - 1) * len(sep)); err != nil {
					return "", err
				}
			}
			return join(sep, list), nil
		},
		"cat": func(args ...any) (string, error) {
			if err := r.fitsArgs(args); err != nil {
				return "", err
			}
			return cat(args...), nil
		},
		"print": func(args ...any) (string, error) {
			if err := r.fitsArgs(args); err != nil {
				return "", err
			}
			return fmt.Sprint(args...), nil
		},
		"println": func(args ...any) (string, error) {
			if err := r.fitsArgs(args); err != nil {
				return "", err
			}
			return fmt.Sprintln(args...), nil
		},
		"printf": func(format string, args ...any) (string, error) {
			width, err := formatWidth(format)
			if err != nil {
				return "", err
			}
			largest := 0
			for _, a := range args {
				largest = max(largest, argSize(a))
			}
			if err := r.fits(len(format) + strings.Count(format, "%")*(largest+width)); err != nil {
				return "", err
			}
			return fmt.Sprintf(format, args...), nil
		},
	}
}

// fits refuses a result of n bytes when it is over maxValue.
func (r *run) fits(n int) error {
	if r.maxValue > 0 && n > r.maxValue {
		return fmt.Errorf("the result would be larger than %s; check for runaway loops", size(r.maxValue))
	}
	return nil
}

func (r *run) fitsIndent(n int, s string) error {
	if err := limitCount(n); err != nil {
		return err
	}
	return r.fits(len(s) + (strings.Count(s, "\n")+1)*n)
}

// fitsArgs checks the size of printing args together.
func (r *run) fitsArgs(args []any) error {
	n := len(args)
	for _, a := range args {
		n += argSize(a)
	}
	return r.fits(n)
}

// fitsReplace checks the size of replacing every match of expr in s with
// repl, where each $ in repl could stand for up to all of s.
func (r *run) fitsReplace(expr, s, repl string) error {
	re, err := regexp.Compile(expr)
	if err != nil || repl == "" || r.maxValue == 0 {
		return nil // the function itself reports a bad expression
	}
	matches := len(re.FindAllStringIndex(s, r.maxValue/len(repl)+2))
	return r.fits(len(s) + matches*len(repl) + strings.Count(repl, "$")*len(s))
}

// argSize is the length of a as print would write it.
func argSize(a any) int {
	switch x := a.(type) {
	case string:
		return len(x)
	case []byte:
		return len(x)
	}
	return len(fmt.Sprint(a))
}

// formatWidth returns the largest width or precision in a printf format.
// It refuses those over maxCount, and widths given by arguments (*), whose
// size it cannot see.
func formatWidth(f string) (int, error) {
	widest := 0
	for i := 0; i < len(f); i++ {
		if f[i] != '%' {
			continue
		}
	spec:
		for i++; i < len(f); i++ {
			switch c := f[i]; {
			case c == '*':
				return 0, errors.New("widths given as * are not supported")
			case c >= '0' && c <= '9':
				j := i
				for j < len(f) && f[j] >= '0' && f[j] <= '9' {
					j++
				}
				n, err := strconv.Atoi(f[i:j])
				if err != nil || n > maxCount {
					return 0, fmt.Errorf("width %s is more than the limit of %s", f[i:j], count(maxCount))
				}
				widest = max(widest, n)
				i = j - 1
			case strings.IndexByte("+-# .[]", c) < 0:
				break spec // the verb
			}
		}
	}
	return widest, nil
}

// indent is sprig's indent.
func indent(n int, s string) string {
	pad := strings.Repeat(" ", n)
	return pad + strings.ReplaceAll(s, "\n", "\n"+pad)
}

// limitCount refuses a count that is negative or over maxCount.
func limitCount(n int) error {
	switch {
	case n < 0:
		return fmt.Errorf("the count %d is negative", n)
	case n > maxCount:
		return fmt.Errorf("the count %d is more than the limit of %s", n, count(maxCount))
	}
	return nil
}

// shortList refuses lists longer than maxCount, for functions that take
// time proportional to the square of the length.
func shortList(list any) error {
	if n := length(list); n > maxCount {
		return fmt.Errorf("the list has %d items, more than the limit of %s", n, count(maxCount))
	}
	return nil
}

// length is the length of a slice, array or map, or 0.
func length(v any) int {
	switch rv := reflect.ValueOf(v); rv.Kind() {
	case reflect.Slice, reflect.Array, reflect.Map:
		return rv.Len()
	}
	return 0
}

// until is sprig's until, refusing more than maxCount numbers.
func until(n int) ([]int, error) {
	if n < 0 {
		return untilStep(0, n, -1)
	}
	return untilStep(0, n, 1)
}

// untilStep is sprig's untilStep (start, start+step, … short of stop),
// refusing more than maxCount numbers.
func untilStep(start, stop, step int) ([]int, error) {
	var n uint64
	switch {
	case stop > start && step > 0:
		n = ceilDiv(uint64(stop)-uint64(start), uint64(step))
	case stop < start && step < 0:
		n = ceilDiv(uint64(start)-uint64(stop), -uint64(step))
	}
	if n > maxCount {
		return nil, fmt.Errorf("that would make %d numbers; the limit is %s", n, count(maxCount))
	}
	v := make([]int, n)
	for i := range v {
		v[i] = start + i*step
	}
	return v, nil
}

func ceilDiv(a, b uint64) uint64 {
	n := a / b
	if a%b != 0 {
		n++
	}
	return n
}

// seq is sprig's seq (like the Unix command), refusing more than maxCount
// numbers.
func seq(params ...int) (string, error) {
	var start, stop, step int
	switch len(params) {
	case 1, 2:
		start, stop, step = 1, params[0], 1
		if len(params) == 2 {
			start, stop = params[0], params[1]
		}
		if stop < start {
			step = -1
		}
		stop += step
	case 3:
		start, step, stop = params[0], params[1], params[2]
		if stop < start {
			if step > 0 {
				return "", nil
			}
			stop--
		} else {
			stop++
		}
	default:
		return "", nil
	}
	v, err := untilStep(start, stop, step)
	if err != nil {
		return "", err
	}
	s := make([]string, len(v))
	for i, n := range v {
		s[i] = strconv.Itoa(n)
	}
	return strings.Join(s, " "), nil
}

// substr is sprig's substr without its panics: positions outside the text
// are moved to its nearest end.
func substr(start, end int, s string) string {
	clamp := func(i int) int { return min(max(i, 0), len(s)) }
	switch {
	case start < 0:
		return s[:clamp(end)]
	case end < 0 || end > len(s):
		return s[clamp(start):]
	case start > end:
		return ""
	}
	return s[start:end]
}

// textTemplateBuiltins are the functions text/template itself defines,
// found by name where a template set's functions do not have it.
var textTemplateBuiltins = map[string]bool{
	"and": true, "call": true, "html": true, "index": true, "slice": true,
	"js": true, "len": true, "not": true, "or": true, "print": true,
	"printf": true, "println": true, "urlquery": true,
	"eq": true, "ge": true, "gt": true, "le": true, "lt": true, "ne": true,
}

// knownFunc reports whether a template parsed with parseFuncsIn's map may
// call name: one of the functions templates have, a guard, or one of
// text/template's own.
func knownFunc(name string) bool {
	return baseFuncs()[name] != nil || sizedNames()[name] ||
		name == rangeGuard || name == callGuard || name == leaveGuard ||
		textTemplateBuiltins[name]
}

// parseFuncsIn returns the parse-time functions whose names occur as words
// in srcs. The parser needs a name only where a template calls it, and any
// call spells the name out, so the result parses srcs exactly as the whole
// map would, without guarding some 220 functions for every template set.
func parseFuncsIn(srcs []string) template.FuncMap {
	base, isSized := baseFuncs(), sizedNames()
	seen := map[string]bool{}
	var names []string
	for _, src := range srcs {
		for i := 0; i < len(src); {
			if !isIdent(src[i]) {
				i++
				continue
			}
			j := i
			for j < len(src) && isIdent(src[j]) {
				j++
			}
			name := src[i:j]
			if !seen[name] && (base[name] != nil || isSized[name] || name == rangeGuard || name == callGuard || name == leaveGuard) {
				seen[name] = true
				names = append(names, name)
			}
			i = j
		}
	}
	return parseRun().funcsFor(names)
}
