// Package calendar turns findings into an RFC 5545 calendar: one all-day
// event on each date a remedy opens (a not_yet finding), so that nobody has
// to remember it. It reads no clock: the DTSTAMP of every event is the
// as-of date of the findings, and each UID is derived from the person, the
// case or arrest, the remedy and the counts, so the same input gives the
// same bytes and a calendar imported again updates its events instead of
// doubling them. It does not decide eligibility and writes no files.
package calendar

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"slices"
	"strconv"
	"strings"

	"github.com/reliefkit/relief/internal/date"
	"github.com/reliefkit/relief/internal/eligibility"
)

// Event is one all-day event.
type Event struct {
	Date        date.Date
	Summary     string
	Description string
	UID         string
	Stamp       date.Date // DTSTAMP: the as-of date of the findings
}

// Person is one client's findings, with what the calendar needs to name
// them.
type Person struct {
	Name   string // the client, as in the case file
	Key    string // what tells two clients of the same name apart (e.g. the date of birth); may be ""
	Report *eligibility.Report
}

// Names gives the attorney's name of a remedy, e.g. "Dismissal after
// probation (PC 1203.4)"; the report's table is passed in so that there
// is one.
type Names func(remedy string) string

// Events lists the person's events, sorted by date, then title: one per
// case (or arrest, or the person), remedy and date a remedy opens on.
// Counts of one case that open on the same day for the same remedy share
// an event.
func Events(p Person, name Names) []Event {
	rep := p.Report
	type key struct {
		where, remedy string
		on            date.Date
	}
	var order []key
	counts := map[key][]string{}
	next := map[key]string{}
	add := func(where string, fd eligibility.Finding, count string) {
		if fd.Outcome != eligibility.NotYet || fd.EligibleOn.IsZero() {
			return
		}
		k := key{where, fd.Remedy, fd.EligibleOn}
		if _, ok := counts[k]; !ok {
			order = append(order, k)
			next[k] = fd.Next
		}
		if count != "" {
			counts[k] = append(counts[k], count)
		} else if counts[k] == nil {
			counts[k] = []string{}
		}
	}
	for _, c := range rep.Cases {
		where := "case " + cmp.Or(c.CaseNumber, c.ID)
		if c.County != "" {
			where += " (" + c.County + " County)"
		}
		for _, n := range c.Counts {
			for _, fd := range n.Remedies {
				add(where, fd, strconv.Itoa(n.Index))
			}
		}
	}
	for _, a := range rep.Arrests {
		where := "arrest " + a.ID
		if !a.Date.IsZero() {
			where += " of " + a.Date.String()
		}
		for _, fd := range a.Remedies {
			add(where, fd, "")
		}
	}
	for _, fd := range rep.Person.Remedies {
		add("", fd, "")
	}
	var out []Event
	for _, k := range order {
		cs := counts[k]
		title := p.Name + ": "
		if k.where != "" {
			title += k.where
			if len(cs) > 0 {
				title += " " + countWord(len(cs)) + " " + strings.Join(cs, ", ")
			}
			title += ": "
		}
		title += name(k.remedy) + " opens"
		desc := []string{
			name(k.remedy) + " opens on " + k.on.Long() + " for " + p.Name + ".",
			"What to file: " + toFile(k.remedy),
		}
		if next[k] != "" {
			desc = append(desc, "Next step in the findings: "+next[k])
		}
		desc = append(desc, "From relief check as of "+rep.AsOf.String()+". A draft for attorney review: confirm the date against the court record before filing.")
		out = append(out, Event{
			Date: k.on, Summary: title, Description: strings.Join(desc, "\n"), Stamp: rep.AsOf,
			UID: uid(p.Name, p.Key, k.where, k.remedy, strings.Join(cs, ",")),
		})
	}
	slices.SortStableFunc(out, func(a, b Event) int {
		return cmp.Or(a.Date.Compare(b.Date), cmp.Compare(a.Summary, b.Summary))
	})
	return out
}

func countWord(n int) string {
	if n == 1 {
		return "count"
	}
	return "counts"
}

// uid is a stable id from the parts that name an event, not its date: if
// the date moves (new facts), a calendar that imports the file again moves
// the event instead of adding a second one.
func uid(parts ...string) string {
	h := sha256.New()
	for _, p := range parts {
		h.Write([]byte(p))
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil)[:16]) + "@relief"
}

// toFile says in one sentence what is filed when a remedy opens.
func toFile(remedy string) string {
	switch remedy {
	case eligibility.R1203_4, eligibility.R1203_4a, eligibility.R1203_41, eligibility.R1203_42,
		eligibility.R1203_43, eligibility.R1203_49, "1203.4b":
		return "a petition for dismissal (CR-180-style) with a proposed order (CR-181-style) in the superior court of the county of conviction, served on the district attorney (relief draft builds the packet)."
	case eligibility.R17b, eligibility.R17d2:
		return "a request to reduce the offense (Pen. Code, § 17), usually made in the dismissal petition."
	case eligibility.R1203425, "851.93":
		return "nothing: the Department of Justice grants this relief on its own; check the client's DOJ record after this date."
	case eligibility.R851_91, eligibility.R851_87, eligibility.R851_90, eligibility.R851_8:
		return "a petition to seal the arrest (CR-409-style) with a proposed order, served on the prosecutor and the arresting agency."
	case eligibility.RCOR:
		return "a petition for a Certificate of Rehabilitation in the superior court of the county of residence, with notice to the district attorneys (Pen. Code, § 4852.07)."
	case eligibility.RPardon:
		return "an application to the Governor, after serving notice of intention on each county's district attorney (Pen. Code, § 4804)."
	}
	return "the petition the findings name for this remedy (see relief check)."
}

// NewPerson is how every command names a client's events: by name, told
// apart by the date of birth when it is known.
func NewPerson(name string, dob date.Date, rep *eligibility.Report) Person {
	key := ""
	if !dob.IsZero() {
		key = dob.String()
	}
	return Person{Name: name, Key: key, Report: rep}
}
