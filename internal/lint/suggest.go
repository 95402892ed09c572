package lint

import (
	"cmp"
	"path"
	"slices"
	"strings"

	"github.com/reliefkit/relief/internal/suggest"
)

// Closest returns the name nearest to s by edit distance, comparing whole
// paths and base names, or "" when none is near enough to be a likely typo.
func Closest(s string, names []string) string {
	if c := Near(s, names, 1); len(c) > 0 {
		return c[0]
	}
	return ""
}

// Near returns up to n names close to s, nearest first: names within a
// typo's edit distance of s (whole path or base name, ignoring case and the
// .md.tmpl ending), then names that contain s.
func Near(s string, names []string, n int) []string {
	type scored struct {
		name string
		d    int
	}
	key := func(x string) string {
		return strings.ToLower(strings.TrimSuffix(strings.TrimSuffix(x, ".tmpl"), ".md"))
	}
	ks := key(s)
	allowed := 1
	switch l := len([]rune(ks)); {
	case l >= 12:
		allowed = 4
	case l >= 8:
		allowed = 3
	case l >= 4:
		allowed = 2
	}
	var found []scored
	for _, name := range names {
		d := min(suggest.Distance(ks, key(name)), suggest.Distance(ks, key(path.Base(name))))
		switch {
		case d <= allowed:
			found = append(found, scored{name, d})
		case ks != "" && strings.Contains(strings.ToLower(name), ks):
			found = append(found, scored{name, allowed + 1})
		}
	}
	slices.SortStableFunc(found, func(a, b scored) int { return cmp.Or(cmp.Compare(a.d, b.d), cmp.Compare(a.name, b.name)) })
	var out []string
	for _, f := range found[:min(n, len(found))] {
		out = append(out, f.name)
	}
	return out
}
