package rapsheet

import (
	"strings"

	"github.com/reliefkit/relief/internal/casefile"
)

// personName turns the sheet's "LAST,FIRST MIDDLE" into "First Middle Last".
func personName(s string) string {
	last, first, ok := strings.Cut(s, ",")
	if !ok {
		return titleCase(s)
	}
	return strings.TrimSpace(titleCase(first) + " " + titleCase(last))
}

// titleCase capitalises each word and each part after a hyphen or an
// apostrophe: "O'BRIEN-LEE" → "O'Brien-Lee".
func titleCase(s string) string {
	s = strings.ToLower(strings.Join(strings.Fields(strings.ReplaceAll(s, ",", " ")), " "))
	b := []byte(s)
	up := true
	for i, c := range b {
		if up && 'a' <= c && c <= 'z' {
			b[i] = c - 'a' + 'A'
		}
		up = c == ' ' || c == '-' || c == '\''
	}
	return string(b)
}

// slug makes a safe file-name part: lower-case letters and digits joined
// by single hyphens.
func slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		if 'a' <= r && r <= 'z' || '0' <= r && r <= '9' {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			dash = false
			continue
		}
		dash = true
	}
	out := b.String()
	if len(out) > 60 {
		out = strings.TrimRight(out[:60], "-")
	}
	return out
}

// cities maps the cities whose police departments most often appear in an
// ORI name to their counties. A city that is also a county's name needs no
// entry.
var cities = map[string]string{
	"OAKLAND": "Alameda", "BERKELEY": "Alameda", "HAYWARD": "Alameda", "FREMONT": "Alameda", "SAN LEANDRO": "Alameda",
	"SAN JOSE": "Santa Clara", "PALO ALTO": "Santa Clara", "SUNNYVALE": "Santa Clara", "MOUNTAIN VIEW": "Santa Clara",
	"LONG BEACH": "Los Angeles", "PASADENA": "Los Angeles", "SANTA MONICA": "Los Angeles", "GLENDALE": "Los Angeles",
	"BURBANK": "Los Angeles", "INGLEWOOD": "Los Angeles", "COMPTON": "Los Angeles", "TORRANCE": "Los Angeles",
	"BEVERLY HILLS": "Los Angeles", "POMONA": "Los Angeles", "LANCASTER": "Los Angeles", "PALMDALE": "Los Angeles",
	"CHULA VISTA": "San Diego", "OCEANSIDE": "San Diego", "ESCONDIDO": "San Diego", "EL CAJON": "San Diego",
	"ANAHEIM": "Orange", "SANTA ANA": "Orange", "IRVINE": "Orange", "HUNTINGTON BEACH": "Orange", "FULLERTON": "Orange",
	"BAKERSFIELD": "Kern", "STOCKTON": "San Joaquin", "MODESTO": "Stanislaus", "FONTANA": "San Bernardino",
	"ONTARIO": "San Bernardino", "RICHMOND": "Contra Costa", "CONCORD": "Contra Costa", "ANTIOCH": "Contra Costa",
	"SALINAS": "Monterey", "SANTA ROSA": "Sonoma", "VALLEJO": "Solano", "OXNARD": "Ventura", "EUREKA": "Humboldt",
	"REDDING": "Shasta", "VISALIA": "Tulare", "CHICO": "Butte", "DALY CITY": "San Mateo", "REDWOOD CITY": "San Mateo",
	"SAN RAFAEL": "Marin", "ELK GROVE": "Sacramento", "MORENO VALLEY": "Riverside", "CORONA": "Riverside",
}

// countyOf finds the county in an ORI agency name ("CASC LOS ANGELES",
// "CAPD OAKLAND", "CASO SAN FRANCISCO CO"): the name without its agency
// prefix is a county's name, or a known city's. ok is false when the name
// says neither.
func countyOf(agency string) (string, bool) {
	words := strings.Fields(strings.ToUpper(agency))
	if len(words) > 0 && len(words[0]) == 4 && (strings.HasPrefix(words[0], "CA") || strings.HasPrefix(words[0], "US")) {
		words = words[1:]
	}
	for n := len(words); n > 0; n-- {
		name := strings.Join(words[:n], " ")
		name = strings.TrimSuffix(strings.TrimSuffix(strings.TrimSuffix(name, " COUNTY"), " CO."), " CO")
		for _, c := range casefile.Counties() {
			if strings.EqualFold(c, name) {
				return c, true
			}
		}
		if c, ok := cities[name]; ok {
			return c, true
		}
	}
	return "", false
}
