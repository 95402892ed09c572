package rapsheet

import (
	"strconv"
	"strings"
)

var (
	durationPart = lazyRE(`^(\d{1,4})\s*(YEARS?|YRS?|YR|Y|MONTHS?|MOS?|MO|M|DAYS?|DS|D)\b\s*(.*)$`)
	moneyPart    = lazyRE(`\$\s*[\d,]+`)
)

// parseSentence reads a sentence's comma-separated parts: a part ending in
// PROBATION/PROB, JAIL/JL or PRISON is a term, "PRISON SS" a suspended
// prison term, FINE and RESTN/RSTN details; anything else is kept in Other.
func parseSentence(s *Sentence) {
	for _, part := range strings.Split(s.Text, ",") {
		p := strings.Join(strings.Fields(part), " ")
		if p == "" {
			continue
		}
		readPart(s, p)
	}
}

func readPart(s *Sentence, p string) {
	words := strings.Fields(moneyPart.ReplaceAllString(p, ""))
	last := ""
	if len(words) > 0 {
		last = words[len(words)-1]
	}
	suspended := last == "SS" || strings.HasSuffix(p, " SUSP") || strings.Contains(p, "SUSPENDED")
	switch {
	case strings.Contains(p, "IMP SEN SS") || strings.Contains(p, "IMPOSITION"):
		s.ImpSS = true
		return
	case strings.Contains(p, "PRISON") && suspended, strings.Contains(p, "EXEC SEN SS"):
		s.PrisonSS = true
		return
	}
	term := func(l *Length) {
		l.Present = true
		l.Text = p
		if m := durationPart.FindStringSubmatch(p); m != nil {
			n, _ := strconv.Atoi(m[1])
			switch m[2][0] {
			case 'Y':
				l.Years += n
			case 'M':
				l.Months += n
			case 'D':
				l.Days += n
			}
		}
	}
	handled := false
	switch {
	case strings.Contains(p, "PROB"):
		term(&s.Probation)
		handled = true
	case strings.Contains(p, "PRISON") || strings.Contains(p, "CDC"):
		term(&s.Prison)
		handled = true
	case hasWord(p, "JAIL") || hasWord(p, "JL"):
		term(&s.Jail)
		handled = true
	}
	if strings.Contains(p, "FINE") {
		s.Fine, handled = true, true
	}
	if strings.Contains(p, "RESTN") || strings.Contains(p, "RSTN") || strings.Contains(p, "RESTITUTION") {
		s.Restn, handled = true, true
	}
	if !handled {
		s.Other = append(s.Other, p)
	}
}

func hasWord(s, w string) bool {
	for _, f := range strings.Fields(s) {
		if f == w {
			return true
		}
	}
	return false
}
