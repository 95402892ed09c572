package casefile

import "strings"

// closest returns the candidate nearest to s by edit distance (ignoring
// case), or "" when none is near enough to be a likely typo.
func closest(s string, candidates []string) string {
	ls := strings.ToLower(s)
	best, bestDist := "", -1
	for _, c := range candidates {
		d := editDistance(ls, strings.ToLower(c))
		if bestDist < 0 || d < bestDist {
			best, bestDist = c, d
		}
	}
	if bestDist < 0 {
		return ""
	}
	// Allow one edit for short words, two for longer, three for long ones.
	allowed := 1
	switch n := len([]rune(ls)); {
	case n >= 9:
		allowed = 3
	case n >= 4:
		allowed = 2
	}
	if bestDist > allowed {
		return ""
	}
	return best
}

// editDistance is the optimal-string-alignment distance between a and b:
// insertions, deletions, substitutions and swaps of neighbours each cost one.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	if len(ra) > 200 || len(rb) > 200 { // not a typo; don't spend time on it
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

// californiaCounties returns the 58 counties by their canonical names.
func californiaCounties() []string {
	return []string{
		"Alameda", "Alpine", "Amador", "Butte", "Calaveras", "Colusa",
		"Contra Costa", "Del Norte", "El Dorado", "Fresno", "Glenn", "Humboldt",
		"Imperial", "Inyo", "Kern", "Kings", "Lake", "Lassen", "Los Angeles",
		"Madera", "Marin", "Mariposa", "Mendocino", "Merced", "Modoc", "Mono",
		"Monterey", "Napa", "Nevada", "Orange", "Placer", "Plumas", "Riverside",
		"Sacramento", "San Benito", "San Bernardino", "San Diego",
		"San Francisco", "San Joaquin", "San Luis Obispo", "San Mateo",
		"Santa Barbara", "Santa Clara", "Santa Cruz", "Shasta", "Sierra",
		"Siskiyou", "Solano", "Sonoma", "Stanislaus", "Sutter", "Tehama",
		"Trinity", "Tulare", "Tuolumne", "Ventura", "Yolo", "Yuba",
	}
}

// normalizeCounty returns the canonical name of a California county written
// in any case, with or without a trailing " County", and whether it is one.
func normalizeCounty(s string) (string, bool) {
	k := countyKey(s)
	for _, c := range californiaCounties() {
		if strings.EqualFold(c, k) {
			return c, true
		}
	}
	return "", false
}

// countyKey strips what people add around a county's name.
func countyKey(s string) string {
	k := strings.Join(strings.Fields(s), " ")
	if n := len(k) - len(" county"); n > 0 && strings.EqualFold(k[n:], " county") {
		k = k[:n]
	}
	return k
}

// closestCounty suggests a county for a misspelt name, or "".
func closestCounty(s string) string {
	return closest(countyKey(s), californiaCounties())
}
