package rapsheet

import (
	"fmt"
	"strings"

	"github.com/reliefkit/relief/internal/casefile"
)

// arrestBlock writes a cycle that ended without a conviction as an
// [[arrests]] table. A disposition the sheet does not give, or a county
// it does not name, holds the table back (commented out) for the attorney.
func (b *builder) arrestBlock(arrests, courts []*Event, open []Count) *block {
	first := arrests
	if len(first) == 0 {
		first = courts
	}
	ev := first[0]
	blk := &block{header: "[[arrests]]", note: fmt.Sprintf("%s event, %s", ev.Kind, ev.Header.Where())}
	county, ok := countyOf(ev.Agency)
	countyNote := src(ev.DateAt)
	if !ok && len(courts) > 0 {
		county, ok = countyOf(courts[0].Agency)
		countyNote = src(courts[0].DateAt) + " (county of the court: the arresting agency's name does not say)"
	}
	year := ""
	if !ev.Date.IsZero() {
		year = fmt.Sprint(ev.Date.Year())
	}
	blk.set("id", quote(b.uniqueID(strings.Trim("arrest-"+slug(county)+"-"+year, "-"))), "")
	if ev.Date.IsZero() || b.afterAsOf(ev.Date) {
		blk.off = true
		blk.alert("HELD BACK: the arrest date on the sheet is missing, unreadable or after the as-of date (%s).", ev.DateAt.Where())
		b.toConfirm("the date of the arrest at %s (held back, commented out)", ev.Header.Where())
	}
	blk.set("date", orQ(ev.Date.String()), src(ev.DateAt))
	if len(arrests) == 0 {
		blk.comment("the sheet has no arrest event for this court case; the date is the court event's: TO CONFIRM the arrest date")
		b.toConfirm("the arrest date of the court case at %s (the sheet has only the court event)", ev.Header.Where())
	}
	if !ok {
		blk.off = true
		blk.alert("HELD BACK: the county is not known from the agency name %q. Add county = \"…\" and remove the \"# \" before this table's header and keys.", ev.Agency)
		b.toConfirm("the county of the arrest at %s (held back, commented out)", ev.Header.Where())
		county = "?"
	}
	blk.set("county", quote(county), countyNote)
	if len(arrests) > 0 && ev.Agency != "" {
		blk.set("agency", quote(agencyName(ev.Agency)), src(ev.DateAt))
	}
	if len(arrests) > 0 {
		for _, n := range ev.Counts {
			if n.Case != "" {
				blk.set("report_number", quote(n.Case), src(n.At))
				break
			}
		}
	}
	var offs []string
	var offAt []string
	counts := ev.Counts
	if len(arrests) == 0 {
		counts = open
	}
	for _, n := range counts {
		if n.Charge.Offense != "" && !containsStr(offs, n.Charge.Offense) {
			offs = append(offs, n.Charge.Offense)
			offAt = append(offAt, n.Charge.At.Where())
		}
	}
	if len(offs) > 0 {
		blk.set("offenses", list(offs), strings.Join(offAt, ", "))
	} else {
		blk.comment("no offense could be read for this arrest: TO CONFIRM offenses (needed for the limitation period)")
		b.toConfirm("the offenses of the arrest at %s", ev.Header.Where())
	}
	b.arrestOutcome(blk, ev, courts, open, len(arrests) > 0)
	// What the sheet says of an arrest (no court event, a prosecutor's
	// rejection) is often incomplete, so relief's findings for it stay
	// review until the attorney has checked the court's record.
	blk.set("unconfirmed", "true", "TO CONFIRM against the court's and prosecutor's records, then remove this line")
	b.toConfirm("each arrest against the court's and prosecutor's records; then remove its unconfirmed = true")
	return blk
}

// arrestOutcome writes charged, the court case and the disposition.
func (b *builder) arrestOutcome(blk *block, ev *Event, courts []*Event, open []Count, hadArrest bool) {
	var ds []Disposition
	if len(courts) > 0 {
		blk.set("charged", "true", src(courts[0].Header)+" (a COURT event)")
		var ch []string
		var at []string
		for _, n := range open {
			if n.Charge.Offense != "" && !containsStr(ch, n.Charge.Offense) {
				ch = append(ch, n.Charge.Offense)
				at = append(at, n.Charge.At.Where())
			}
			if n.Case != "" && !hasKey(blk, "case_number") {
				blk.set("case_number", quote(n.Case), src(n.At))
			}
		}
		if len(ch) > 0 && hadArrest {
			blk.set("charged_offenses", list(ch), strings.Join(at, ", "))
		}
		for _, n := range open {
			ds = append(ds, finalDispo(n))
		}
	} else {
		blk.set("charged", "false", "no COURT event in the cycle")
		for _, n := range ev.Counts {
			ds = append(ds, finalDispo(n))
		}
	}
	kind, d := outcome(ds)
	switch kind {
	case "":
		blk.off = true
		blk.alert("HELD BACK: the sheet gives no disposition relief can read for this arrest. DOJ records often miss dispositions: find out how the arrest ended, set disposition (%s), and remove the \"# \" before this table's header and keys.", strings.Join([]string{casefile.NoCharges, casefile.Dismissed, casefile.Acquitted, casefile.Vacated, casefile.DiversionCompleted}, ", "))
		b.toConfirm("how the arrest at %s ended (held back, commented out: no disposition on the sheet)", ev.Header.Where())
		blk.set("disposition", `"?"`, "")
		return
	case casefile.NoCharges:
		if len(courts) > 0 {
			blk.kvs[indexKey(blk, "charged")] = kv{key: "charged", val: "false", note: src(d.At) + " (the prosecutor did not file)"}
		}
	case casefile.Dismissed:
		blk.hold("refiling_barred", "true", "TO CONFIRM: true only if the charges can no longer be refiled (Pen. Code, § 1387); the sheet does not say")
		b.toConfirm("for each dismissed arrest: whether the charges can be refiled (refiling_barred)")
	case casefile.DiversionCompleted:
		// Pen. Code § 1001.x diversion is granted by the court after
		// charges are filed; without a COURT event the sheet cannot say.
		if len(courts) > 0 {
			blk.set("diversion", quote("court"), src(d.At)+" (Pen. Code § 1001.x diversion, after charges were filed)")
		} else {
			blk.comment("diversion without a COURT event: TO CONFIRM diversion = \"prefiling\" or \"court\"")
			b.toConfirm("whether the diversion of the arrest at %s was before charges were filed (diversion)", ev.Header.Where())
		}
	}
	blk.set("disposition", quote(kind), src(d.At))
	if d.Date.Before(ev.Date) || b.afterAsOf(d.Date) {
		blk.hold("disposition_date", d.Date.String(), "CONTRADICTION: before the arrest or after the as-of date; "+src(d.DateAt))
		b.warn(d.DateAt, "disposition date %s contradicts the arrest date %s; kept as a comment", d.Date, ev.Date)
	} else if !d.Date.IsZero() && (len(courts) > 0 || d.DateAt.N != ev.DateAt.N) {
		blk.set("disposition_date", d.Date.String(), src(d.DateAt))
	}
}

// finalDispo is a count's last disposition, or a zero one.
func finalDispo(n Count) Disposition {
	if len(n.Dispos) == 0 {
		return Disposition{At: n.At}
	}
	return n.Dispos[len(n.Dispos)-1]
}

// outcome folds the counts' dispositions into the arrest's: every count
// rejected or released without charges is no_charges, every count
// acquitted is acquitted, any mix of dismissal and acquittal is dismissed;
// a count with no disposition, or with one the mapping does not know,
// leaves it unknown ("").
func outcome(ds []Disposition) (string, Disposition) {
	if len(ds) == 0 {
		return "", Disposition{}
	}
	seen := map[string]bool{}
	for _, d := range ds {
		switch d.Kind {
		case ProsRejected, DetentionOnly:
			seen[casefile.NoCharges] = true
		case Dismissed:
			seen[casefile.Dismissed] = true
		case Acquitted:
			seen[casefile.Acquitted] = true
		case Diverted:
			if d.Section != "completed" {
				return "", Disposition{} // diversion still running
			}
			seen[casefile.DiversionCompleted] = true
		default:
			return "", Disposition{}
		}
	}
	last := ds[0]
	for _, d := range ds {
		if d.Date.After(last.Date) {
			last = d
		}
	}
	switch {
	case len(seen) == 1 && seen[casefile.NoCharges]:
		return casefile.NoCharges, last
	case len(seen) == 1 && seen[casefile.Acquitted]:
		return casefile.Acquitted, last
	case len(seen) == 1 && seen[casefile.DiversionCompleted]:
		return casefile.DiversionCompleted, last
	case seen[casefile.DiversionCompleted]:
		return "", Disposition{} // diversion for some counts, not others
	case !seen[casefile.NoCharges]:
		return casefile.Dismissed, last
	}
	return "", Disposition{}
}

// agencyName spells out an ORI name: "CAPD OAKLAND" → "Oakland Police
// Department".
func agencyName(ori string) string {
	f := strings.Fields(ori)
	if len(f) < 2 {
		return titleCase(ori)
	}
	rest := titleCase(strings.Join(f[1:], " "))
	switch f[0] {
	case "CAPD":
		return rest + " Police Department"
	case "CASO":
		return strings.TrimSuffix(rest, " Co") + " County Sheriff's Office"
	case "CAHP":
		return "California Highway Patrol, " + rest
	}
	return f[0] + " " + rest
}

func orQ(s string) string {
	if s == "" {
		return `"?"`
	}
	return s
}

func list(xs []string) string {
	q := make([]string, len(xs))
	for i, x := range xs {
		q[i] = quote(x)
	}
	return "[" + strings.Join(q, ", ") + "]"
}

func containsStr(xs []string, s string) bool {
	for _, x := range xs {
		if x == s {
			return true
		}
	}
	return false
}

func hasKey(b *block, k string) bool { return indexKey(b, k) >= 0 }

func indexKey(b *block, k string) int {
	for i, x := range b.kvs {
		if x.key == k {
			return i
		}
	}
	return -1
}
