package rapsheet

import (
	"regexp"
	"sync"
)

// lazyRegexp is a regular expression compiled on first use. The grammar
// has some thirty patterns, and compiling them when the package is
// initialised cost every relief command about 3 ms, rap sheet or not.
type lazyRegexp struct {
	re func() *regexp.Regexp
}

// lazyRE returns pattern, to be compiled when it is first used. The
// patterns are constants of this package; a bad one panics on first use,
// and the package's tests use every one.
func lazyRE(pattern string) *lazyRegexp {
	return &lazyRegexp{re: sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(pattern) })}
}

func (l *lazyRegexp) MatchString(s string) bool { return l.re().MatchString(s) }

func (l *lazyRegexp) FindString(s string) string { return l.re().FindString(s) }

func (l *lazyRegexp) FindStringSubmatch(s string) []string { return l.re().FindStringSubmatch(s) }

func (l *lazyRegexp) FindStringSubmatchIndex(s string) []int {
	return l.re().FindStringSubmatchIndex(s)
}

func (l *lazyRegexp) FindAllStringSubmatchIndex(s string, n int) [][]int {
	return l.re().FindAllStringSubmatchIndex(s, n)
}

func (l *lazyRegexp) ReplaceAllString(src, repl string) string {
	return l.re().ReplaceAllString(src, repl)
}
