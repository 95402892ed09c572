package law

import "strings"

// KnownCodes lists the canonical code abbreviations ParseRef accepts, in the
// order error messages show them.
const KnownCodes = "PC, VC, HS, BP, WI, GC, MV, FG, CC, FC, LC, RT, UI, IC, ED, HN, PR, WC, CCP"

// CodeName returns the citation name of a California code ("PC" → "Pen. Code",
// "HS" → "Health & Saf. Code"), the abbreviation form California courts use.
// It accepts any spelling ParseRef accepts ("H&S", "Penal Code", "WIC") and
// returns "" for a code it does not know.
func CodeName(abbrev string) string {
	code, ok := canonicalCode(squeezeCode(abbrev))
	if !ok {
		return ""
	}
	switch code {
	case "PC":
		return "Pen. Code"
	case "VC":
		return "Veh. Code"
	case "HS":
		return "Health & Saf. Code"
	case "BP":
		return "Bus. & Prof. Code"
	case "WI":
		return "Welf. & Inst. Code"
	case "GC":
		return "Gov. Code"
	case "MV":
		return "Mil. & Vet. Code"
	case "FG":
		return "Fish & G. Code"
	case "CC":
		return "Civ. Code"
	case "FC":
		return "Fam. Code"
	case "LC":
		return "Lab. Code"
	case "RT":
		return "Rev. & Tax. Code"
	case "UI":
		return "Unemp. Ins. Code"
	case "IC":
		return "Ins. Code"
	case "ED":
		return "Ed. Code"
	case "HN":
		return "Harb. & Nav. Code"
	case "PR":
		return "Pub. Resources Code"
	case "WC":
		return "Wat. Code"
	case "CCP":
		return "Code Civ. Proc."
	}
	return ""
}

// Cite formats a citation in California style: Cite("PC", "1203.4", "(b)") is
// "Pen. Code, § 1203.4, subd. (b)" and Cite("VC", "12810") is
// "Veh. Code, § 12810". Subdivision arguments are joined into one path
// ("(a)", "(1)" → "(a)(1)"); a bare "b" is written "(b)". An unknown code is
// cited by the abbreviation as given.
func Cite(code, section string, subdivision ...string) string {
	name := CodeName(code)
	if name == "" {
		name = strings.TrimSpace(code)
	}
	var b strings.Builder
	b.WriteString(name)
	b.WriteString(", § ")
	b.WriteString(strings.TrimSpace(section))
	var sub strings.Builder
	for _, s := range subdivision {
		s = strings.TrimSpace(s)
		if s == "" {
			continue
		}
		if !strings.HasPrefix(s, "(") {
			s = "(" + s + ")"
		}
		sub.WriteString(s)
	}
	if sub.Len() > 0 {
		b.WriteString(", subd. ")
		b.WriteString(sub.String())
	}
	return b.String()
}

// squeezeCode reduces a code as written ("Health & Saf. Code, §",
// "Penal Code section", "h&s") to the key canonicalCode knows: upper case,
// "and" written "&", punctuation and spaces dropped, and the words "Cal.",
// "of the", "section" and a trailing "Code" removed.
func squeezeCode(s string) string {
	var b strings.Builder
	for _, w := range strings.Fields(s) {
		if strings.EqualFold(w, "and") {
			b.WriteByte('&')
			continue
		}
		for i := 0; i < len(w); i++ {
			c := w[i]
			switch {
			case c >= 'a' && c <= 'z':
				b.WriteByte(c - 'a' + 'A')
			case c >= 'A' && c <= 'Z', c == '&':
				b.WriteByte(c)
			}
		}
	}
	k := b.String()
	for _, p := range []string{"OFTHE", "OF", "THE", "CALIFORNIA", "CAL"} {
		k = strings.TrimPrefix(k, p)
	}
	for _, suf := range []string{"SECTIONS", "SECTION", "SECS", "SEC"} {
		if t, ok := strings.CutSuffix(k, suf); ok {
			k = t
			break
		}
	}
	if t, ok := strings.CutSuffix(k, "CODE"); ok && t != "" {
		k = t
	}
	return k
}

// canonicalCode maps a squeezed code (see squeezeCode) to its canonical
// abbreviation.
func canonicalCode(k string) (string, bool) {
	switch k {
	case "PC", "PEN", "PENAL":
		return "PC", true
	case "VC", "VEH", "VEHICLE":
		return "VC", true
	case "HS", "H&S", "HSC", "HLTH&SAF", "HEALTH&SAF", "HEALTH&SAFETY", "H&SC":
		return "HS", true
	case "BP", "B&P", "BPC", "BUS&PROF", "BUSINESS&PROFESSIONS", "B&PC":
		return "BP", true
	case "WI", "W&I", "WIC", "WELF&INST", "WELFARE&INSTITUTIONS", "W&IC":
		return "WI", true
	case "GC", "GOV", "GOVT", "GOVERNMENT":
		return "GC", true
	case "MV", "MVC", "M&V", "M&VC", "MIL&VET", "MILITARY&VETERANS":
		return "MV", true
	case "FG", "F&G", "FGC", "FISH&G", "FISH&GAME":
		return "FG", true
	case "CC", "CIV", "CIVIL":
		return "CC", true
	case "FC", "FAM", "FAMILY":
		return "FC", true
	case "LC", "LAB", "LABOR":
		return "LC", true
	case "RT", "R&T", "RTC", "REV&TAX", "REVENUE&TAXATION":
		return "RT", true
	case "UI", "UIC", "UNEMPINS", "UNEMPLOYMENTINSURANCE":
		return "UI", true
	case "IC", "INS", "INSURANCE":
		return "IC", true
	case "ED", "EDC", "EDUC", "EDUCATION":
		return "ED", true
	case "HN", "H&N", "HNC", "HARB&NAV", "HARBORS&NAVIGATION":
		return "HN", true
	case "PR", "PRC", "PUBRES", "PUBRESOURCES", "PUBLICRESOURCES":
		return "PR", true
	case "WC", "WAT", "WATER":
		return "WC", true
	case "CCP", "CODECIVPROC", "CODEOFCIVILPROCEDURE", "CIVPROC":
		return "CCP", true
	}
	return "", false
}
