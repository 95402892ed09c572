// Package suggest finds the likely intended word behind a typo, for
// "did you mean" hints in error messages (unknown keys, counties, roster
// columns, template names).
package suggest

import "strings"

// Closest returns the candidate nearest to s by edit distance, ignoring
// case, or "" when none is near enough to be a likely typo: one edit for
// words under four letters, two under nine, three for longer ones.
func Closest(s string, candidates []string) string {
	ls := strings.ToLower(s)
	best, bestDist := "", -1
	for _, c := range candidates {
		d := Distance(ls, strings.ToLower(c))
		if bestDist < 0 || d < bestDist {
			best, bestDist = c, d
		}
	}
	if bestDist < 0 || bestDist > Allowed(ls) {
		return ""
	}
	return best
}

// Allowed is how many edits a word of s's length may be from a candidate
// and still count as a typo of it.
func Allowed(s string) int {
	switch n := len([]rune(s)); {
	case n >= 9:
		return 3
	case n >= 4:
		return 2
	}
	return 1
}

// Distance is the optimal-string-alignment distance between a and b:
// insertions, deletions, substitutions and swaps of neighbours each cost
// one. Strings over 200 runes are not typos and are not compared.
func Distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	if len(ra) > 200 || len(rb) > 200 {
		return max(len(ra), len(rb))
	}
	// d[i][j] is the distance between ra[:i] and rb[:j].
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
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(ra)][len(rb)]
}
