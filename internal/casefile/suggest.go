package casefile

import (
	"strings"

	"github.com/reliefkit/relief/internal/suggest"
)

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
	return suggest.Closest(countyKey(s), californiaCounties())
}

// Counties returns the 58 California counties by their canonical names, in
// alphabetical order.
func Counties() []string { return californiaCounties() }
