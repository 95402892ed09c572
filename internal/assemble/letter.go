package assemble

import (
	"fmt"
	"strconv"

	"github.com/reliefkit/relief/internal/casefile"
	"github.com/reliefkit/relief/internal/date"
	"github.com/reliefkit/relief/internal/eligibility"
)

// LetterKind is the kind of the client letter's packet. It is not among
// Kinds: relief draft does not write letters; relief letter does.
const LetterKind = "letter"

// LetterData is what the client letter's templates see
// (templates/letter/en/ and templates/letter/es/). Every sentence about a
// remedy comes from the findings: a remedy listed under Now is open in the
// findings, one under Later opens on the finding's date.
type LetterData struct {
	Lang       string        // "en" or "es"
	AsOf       date.Date     // the date the findings are for
	Today      string        // the as-of date written out in the letter's language
	Final      bool          // --final: the attorney has reviewed the letter
	Client     Person        // the client the letter is for
	Sender     Sender        // who signs the letter and whom to call
	Groups     []LetterGroup // one per case, then one per arrest, then the person (certificate, pardon)
	NextDate   string        // the earliest date something opens, written out; "" when nothing waits
	Has        LetterHas     // which kinds of relief the letter talks about
	Registrant bool          // the client must register under Pen. Code, § 290 (status.registrant_290)
}

// Sender is who writes to the client: the attorney, or the office of the
// letterhead.
type Sender struct {
	Name       string // the attorney; "" when there is none
	IsAttorney bool   // the letter comes from an attorney
	Firm       string // the attorney's firm or office
	Phone      string // the number the client should call
	Email      string // the address the client may write to
}

// LetterGroup is one case, one arrest, or the person as a whole.
type LetterGroup struct {
	Kind     string       // "case", "arrest" or "person"
	ID       string       // the case or arrest id of the case file
	Number   string       // court case number, or the arrest's report number
	County   string       // the county of conviction or arrest
	Date     string       // the conviction or arrest date, written out
	Offenses string       // "PC 459, PC 484"
	Federal  bool         // a federal conviction: California courts cannot change it
	Other    bool         // another state's conviction
	Now      []LetterItem // open now: eligible or discretionary
	Later    []LetterItem // not yet: opens on the item\'s date
	Auto     []LetterItem // the state acts on its own (Pen. Code, §§ 1203.425, 851.93)
	Not      []LetterItem // not available (ineligible), with a plain reason
	Review   []LetterItem // needs an attorney\'s look or more facts
}

// LetterItem is one remedy in one group, with the counts it concerns.
type LetterItem struct {
	Remedy string    // the remedy id, e.g. "1203.4"
	Name   string    // its plain name in the letter's language
	What   string    // what it does, in one or two plain sentences
	Counts string    // "1 and 2" when the case has more than one count; "" otherwise
	CountN int       // how many counts Counts lists (0 when it is empty)
	On     date.Date // the finding's date (not_yet, and automatic or review when known)
	Date   string    // On written out
	Reason string    // not available or review: one plain line
	Judge  bool      // the court or the Governor decides (discretionary)
	Self   bool      // the state acts without a petition (Pen. Code, §§ 1203.425, 851.93)

	counts []string // the count numbers, before they are written out
}

// LetterHas says which kinds of relief the letter mentions as open now or
// later, for the "what it does and does not do" part and the next steps.
type LetterHas struct {
	Now         bool // something is open now
	Later       bool // something opens later
	Judge       bool // something open now is the court's or the Governor's choice
	Court       bool // something open now is asked of a court (papers to sign, maybe a hearing)
	Dismissal   bool // a dismissal (any section) is open or coming
	Reduction   bool // a reduction (17(b), 17(d)(2), Prop 47 or 64) is open or coming
	Sealing     bool // an arrest or record sealing is open or coming
	Certificate bool // a Certificate of Rehabilitation is open or coming
	Pardon      bool // a pardon is open or coming
	Auto        bool // the state is expected to act on its own
}

// Letter builds the client letter in lang ("en" or "es") from the
// findings. It never fails for missing facts: a letter needs only the
// client's name.
func Letter(f *casefile.File, rep *eligibility.Report, lang string, opt Options) (Packet, error) {
	if lang != English && lang != Spanish {
		return Packet{}, fmt.Errorf("letter language %q is not one of %s, %s", lang, English, Spanish)
	}
	d := LetterData{Lang: lang, AsOf: rep.AsOf, Today: writtenDate(rep.AsOf, lang), Final: opt.Final,
		Client: person(f.Petitioner), Sender: sender(f), Registrant: f.Status.Registrant290}
	d.Groups = letterGroups(f, rep, lang)
	var next date.Date
	for _, g := range d.Groups {
		for _, it := range g.Later {
			if next.IsZero() || it.On.Before(next) {
				next = it.On
			}
		}
		d.Has.note(g)
	}
	d.NextDate = writtenDate(next, lang)

	title := "Letter to " + f.Petitioner.Name
	if lang == Spanish {
		title = "Carta para " + f.Petitioner.Name
	}
	return Packet{Kind: LetterKind, FileName: "letter-" + lang + ".pdf", Title: title, Lang: lang,
		Docs: []Doc{{Template: "letter/" + lang + "/letter.md.tmpl", Data: &d, Caption: letterhead(f, opt)}}}, nil
}

// letterGroups sorts the findings into groups: each case, each arrest,
// then the person.
func letterGroups(f *casefile.File, rep *eligibility.Report, lang string) []LetterGroup {
	var groups []LetterGroup
	for i, c := range rep.Cases {
		g := LetterGroup{Kind: "case", ID: md(c.ID), Number: md(c.CaseNumber), County: md(c.County),
			Federal: c.Jurisdiction == casefile.Federal, Other: c.Jurisdiction == casefile.OtherState}
		if i < len(f.Cases) {
			g.Date = writtenDate(f.Cases[i].ConvictionDate, lang)
		}
		var offs []string
		for _, n := range c.Counts {
			offs = append(offs, md(n.Offense))
			for _, fd := range n.Remedies {
				g.add(fd, strconv.Itoa(n.Index), lang)
			}
		}
		g.Offenses = joinList(offs, lang)
		g.writeCounts(len(c.Counts) > 1, lang)
		groups = append(groups, g)
	}
	for i, a := range rep.Arrests {
		g := LetterGroup{Kind: "arrest", ID: md(a.ID), County: md(a.County), Date: writtenDate(a.Date, lang)}
		if i < len(f.Arrests) {
			g.Number = md(f.Arrests[i].ReportNumber)
			g.Offenses = joinList(mdAll(f.Arrests[i].Offenses), lang)
		}
		for _, fd := range a.Remedies {
			g.add(fd, "", lang)
		}
		groups = append(groups, g)
	}
	if len(rep.Person.Remedies) > 0 {
		g := LetterGroup{Kind: "person"}
		for _, fd := range rep.Person.Remedies {
			g.add(fd, "", lang)
		}
		groups = append(groups, g)
	}
	return groups
}

// add files one finding under the group's heading for its outcome,
// merging it with an item of the same remedy, outcome and date.
func (g *LetterGroup) add(fd eligibility.Finding, count, lang string) {
	w := remedyWordsFor(fd.Remedy, lang)
	it := LetterItem{Remedy: fd.Remedy, Name: w.Name, What: w.What,
		On: fd.EligibleOn, Date: writtenDate(fd.EligibleOn, lang), Judge: fd.Outcome == eligibility.Discretionary,
		Self: fd.Remedy == eligibility.R1203425 || fd.Remedy == "851.93"}
	// What the state does on its own is news for the client only when it
	// is expected; an open question about it is the attorney's (the
	// report has it), and a letter that lists one per arrest buries what
	// the client must do.
	if it.Self && (fd.Outcome == eligibility.Review || fd.Outcome == eligibility.Ineligible) {
		return
	}
	var list *[]LetterItem
	switch fd.Outcome {
	case eligibility.Eligible, eligibility.Discretionary:
		list = &g.Now
	case eligibility.NotYet:
		list = &g.Later
	case eligibility.Automatic:
		list = &g.Auto
	case eligibility.Ineligible:
		list = &g.Not
		if len(fd.Reasons) > 0 {
			it.Reason = barWordsFor(fd.Reasons[0].Cite, lang)
		} else {
			it.Reason = genericBar[lang]
		}
	default:
		list = &g.Review
		it.Reason = reviewWords[lang]
	}
	for k := range *list {
		x := &(*list)[k]
		if x.Remedy == it.Remedy && x.On == it.On && x.Judge == it.Judge && x.Reason == it.Reason {
			x.counts = append(x.counts, count)
			return
		}
	}
	it.counts = []string{count}
	*list = append(*list, it)
}

// writeCounts writes out each item's counts ("1 and 2"), except in a
// case of one count, where "count 1" would say nothing.
func (g *LetterGroup) writeCounts(many bool, lang string) {
	for _, l := range [][]LetterItem{g.Now, g.Later, g.Auto, g.Not, g.Review} {
		for k := range l {
			if many {
				l[k].Counts, l[k].CountN = joinList(l[k].counts, lang), len(l[k].counts)
			}
		}
	}
}

// note records what kinds of relief group g mentions as open or coming.
func (h *LetterHas) note(g LetterGroup) {
	for _, list := range [][]LetterItem{g.Now, g.Later} {
		for _, it := range list {
			switch it.Remedy {
			case "17b", "17d2", "prop47", "prop64":
				h.Reduction = true
			case "851.91", "851.87", "851.90", "851.8", "1203.45":
				h.Sealing = true
			case "cor":
				h.Certificate = true
			case "pardon":
				h.Pardon = true
			case "1203.425", "851.93":
				h.Auto = true
			default:
				h.Dismissal = true
			}
		}
	}
	h.Now = h.Now || len(g.Now) > 0
	h.Later = h.Later || len(g.Later) > 0
	h.Auto = h.Auto || len(g.Auto) > 0
	for _, it := range g.Now {
		h.Judge = h.Judge || it.Judge
		h.Court = h.Court || !it.Self && it.Remedy != "pardon"
	}
}

// sender is the attorney the client should call, from the case file's
// [attorney] (with the config file's defaults already merged in).
func sender(f *casefile.File) Sender {
	a := f.Attorney
	if a == nil {
		return Sender{}
	}
	return Sender{Name: md(a.Name), IsAttorney: a.Name != "", Firm: md(a.Firm), Phone: md(a.Phone), Email: md(a.Email)}
}

// letterhead heads the letter: the config file's lines, else the
// attorney's name, firm and address; a client writing to themselves gets
// none.
func letterhead(f *casefile.File, opt Options) Caption {
	if len(opt.Letterhead) > 0 {
		return Caption{Filer: opt.Letterhead}
	}
	a := f.Attorney
	if a == nil || a.Name == "" {
		return Caption{}
	}
	return Caption{Filer: appendNonEmpty(nil, a.Firm, a.Name, a.Address,
		cityLine(a.City, a.State, a.Zip), prefix("Tel. ", a.Phone), a.Email)}
}

// mdAll escapes each string for Markdown.
func mdAll(ss []string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = md(s)
	}
	return out
}
