package lint

import (
	"cmp"
	"path"
	"slices"
	"strings"
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
		d := min(distance(ks, key(name)), distance(ks, key(path.Base(name))))
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

// distance is the edit distance between a and b (insertions, deletions,
// substitutions and swaps of neighbours each cost one).
func distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	if len(ra) > 200 || len(rb) > 200 {
		return max(len(ra), len(rb))
	}
	d := make([][]int, len(ra)+1)
	for i := range d {
		d[i] = make([]int, len(rb)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(ra); i++ {
		for j := 1; j <= len(rb); j++ {
			c := 1
			if ra[i-1] == rb[j-1] {
				c = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+c)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(ra)][len(rb)]
}
