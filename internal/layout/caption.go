package layout

import (
	"strconv"
	"strings"

	"github.com/reliefkit/relief/internal/drawlist"
	"github.com/reliefkit/relief/internal/fonts"
)

// pleadingPage draws the line numbers and rules of pleading paper and, on
// the first page, the caption of rule 2.111.
func (p *pager) pleadingPage(first bool) {
	f := p.f
	for i := 1; i <= f.Lines; i++ {
		p.rightAt(f.Left-22, f.Top+float64(i-1)*f.Leading, f.face, f.Size, strconv.Itoa(i))
	}
	p.line(f.Left-15, 0, f.Left-15, drawlist.LetterHeight, 0.6)
	p.line(f.Left-12.5, 0, f.Left-12.5, drawlist.LetterHeight, 0.6)
	p.line(f.Right+6, 0, f.Right+6, drawlist.LetterHeight, 0.6)
	if !first {
		return
	}
	c := p.doc.Caption
	// Rule 2.111(1)-(2): the filer from line 1, left of centre; lines 1-7
	// right of centre stay blank for the clerk.
	mid := (f.Left + f.Right) / 2
	y := f.Top
	for _, l := range c.Filer {
		p.text(f.Left, y, f.face, fit(f.face, f.Size, l, mid-f.Left), l)
		y += f.Tight
	}
	if y > f.Top+7*f.Leading-f.Tight+0.01 {
		p.fail("the attorney or party block has %d lines; pleading paper leaves room for 13 above the court title", len(c.Filer))
	}
	// Rule 2.111(3): the court title on line 8.
	y = f.Top + 7*f.Leading
	for _, l := range c.Court {
		p.centered(f.Left, f.Right, y, f.face, f.Size, l)
		y += f.Tight
	}
	// Rule 2.111(4)-(6): the case title left of centre, the case number
	// and the nature of the paper to its right.
	top := f.Top + 10*f.Leading
	y = top
	for _, l := range c.Parties {
		p.text(f.Left, y, f.face, fit(f.face, f.Size, l, mid-f.Left-10), l)
		y += f.Tight
	}
	leftEnd := y
	rx := mid + 12
	rw := f.Right - rx
	y = top
	p.text(rx, y, f.face, f.Size, "Case No.: "+c.CaseNumber)
	y += 2 * f.Tight
	for _, ln := range wrap([]run{{text: strings.ToUpper(p.doc.Title), bold: true}}, f.face, f.Size, rw, rw) {
		p.emitAt(rx, y, ln, f.Size)
		y += f.Tight
	}
	if p.doc.Cites != "" {
		// 12 points like the rest of the paper (rule 2.104).
		for _, ln := range wrap([]run{{text: "(" + p.doc.Cites + ")"}}, f.face, f.Size, rw, rw) {
			p.emitAt(rx, y, ln, f.Size)
			y += f.Tight
		}
	}
	if len(c.Hearing) > 0 {
		y += f.Tight
		for _, l := range c.Hearing {
			p.text(rx, y, f.face, fit(f.face, f.Size, l, rw), l)
			y += f.Tight
		}
	}
	bottom := max(leftEnd, y)
	p.line(f.Left, leftEnd-f.Tight+4, mid, leftEnd-f.Tight+4, 0.6)
	p.line(mid, top-f.Size, mid, bottom-f.Tight+4, 0.6)
	p.y = bottom + f.Tight
	p.snap()
}

func (p *pager) fail(format string, args ...any) {
	if p.err == nil {
		p.err = errorf(format, args...)
	}
}

// formPage draws the boxes of a Judicial-Council-style form: the full
// caption on page 1 and the short caption on later pages.
func (p *pager) formPage(first bool) {
	f := p.f
	c := p.doc.Caption
	L, R := f.Left, f.Right
	split := 396.0
	label := func(x, y float64, s string) { p.text(x, y, fonts.Sans, 6.5, s) }
	// The top-right corner is where a Judicial Council form prints its
	// number. A redrawn form is not that form (Cal. Rules of Court, rule
	// 1.44), so the corner stays empty and a header names the format.
	if p.doc.Form != "" {
		p.centered(L, R, 31, fonts.Sans, 7.5, p.doc.Title+" (format of "+p.doc.Form+")")
	}
	if !first {
		// Later pages, and every page of an attachment: the short caption.
		if p.doc.Attachment != "" {
			p.rightAt(R, 31, fonts.SansBold, 8, "ATTACHMENT "+p.doc.Attachment)
		}
		p.rect(L, 36, R-L, 28, 0.6, false, 0)
		p.line(420, 36, 420, 64, 0.6)
		title, party := partyLabels(c)
		label(L+4, 44, title)
		p.labelled(L+4, 57, 416, party, c.Defendant, "the "+partyName(party)+"'s name (petitioner.name)")
		label(424, 44, "CASE NUMBER:")
		p.boxed(424, 57, R-4, 9, c.CaseNumber, "the case number (cases.case_number)")
		return
	}
	// Attorney or party box.
	p.rect(L, 36, split-L, 114, 0.6, false, 0)
	label(L+4, 44, "ATTORNEY OR PARTY WITHOUT ATTORNEY")
	y := 56.0
	for i, l := range c.Filer {
		if i == 8 {
			p.fail("the attorney or party block has %d lines; the form box holds 8", len(c.Filer))
			break
		}
		p.text(L+4, y, fonts.Sans, fit(fonts.Sans, 8.5, l, split-L-8), l)
		y += 11
	}
	// FOR COURT USE ONLY.
	p.rect(split, 36, R-split, 192, 0.6, false, 0)
	p.centered(split, R, 44, fonts.Sans, 6.5, "FOR COURT USE ONLY")
	// Court box.
	p.rect(L, 150, split-L, 46, 0.6, false, 0)
	court := strings.Join(c.Court, ", ")
	p.text(L+4, 160, fonts.SansBold, fit(fonts.SansBold, 8, court, split-L-8), court)
	for i, s := range []string{"STREET ADDRESS:", "MAILING ADDRESS:", "CITY AND ZIP CODE:", "BRANCH NAME:"} {
		label(L+4, 169+float64(i)*7.5, s)
	}
	p.courtAddress(L+70, split-4, 169, 7.5)
	// Caption.
	p.rect(L, 196, split-L, 32, 0.6, false, 0)
	title, party := partyLabels(c)
	label(L+4, 205, title)
	// Each value starts a measured gap after its label, and a value that
	// does not fit its box even at the smallest size is refused by name.
	dobLabel := split - 4 - fonts.Width(fonts.Sans, 9, "00/00/0000") - 4 - fonts.Width(fonts.Sans, 6.5, "DATE OF BIRTH:")
	p.labelled(L+4, 219, dobLabel-6, party, c.Defendant, "the "+partyName(party)+"'s name (petitioner.name)")
	p.labelled(dobLabel, 219, split-4, "DATE OF BIRTH:", c.DOB, "the date of birth (petitioner.dob)")
	// Title box.
	p.rect(L, 228, split-L, 48, 0.6, false, 0)
	p.centered(L+4, split-4, 244, fonts.SansBold, 10, strings.ToUpper(p.doc.Title))
	if p.doc.Cites != "" {
		for i, ln := range wrap([]run{{text: "(" + p.doc.Cites + ")"}}, fonts.Sans, 7.5, split-L-12, split-L-12) {
			if i > 2 {
				break
			}
			p.centered(L+4, split-4, 256+float64(i)*8.5, fonts.Sans, 7.5, spansText(ln))
		}
	}
	// Case number and hearing.
	p.rect(split, 228, R-split, 24, 0.6, false, 0)
	label(split+4, 236, "CASE NUMBER:")
	p.boxed(split+4, 247, R-4, 9.5, c.CaseNumber, "the case number (cases.case_number)")
	p.rect(split, 252, R-split, 24, 0.6, false, 0)
	label(split+4, 260, "HEARING DATE:")
	label(split+4, 271, "TIME:")
	label(split+92, 271, "DEPT.:")
}

// labelled draws a 6.5-point label at x and value after it with a
// measured gap, shrinking value to fit before end; see boxed.
func (p *pager) labelled(x, y, end float64, label, value, field string) {
	p.text(x, y, fonts.Sans, 6.5, label)
	vx := x + fonts.Width(fonts.Sans, 6.5, label) + 4
	if fonts.Width(fonts.Sans, 7, value) > end-vx {
		// Two lines, the first raised, before refusing.
		for _, size := range []float64{7, 6.5, 6} {
			lines := wrap([]run{{text: value}}, fonts.Sans, size, end-vx, end-vx)
			if len(lines) == 2 && lines[0].width <= end-vx && lines[1].width <= end-vx {
				p.text(vx, y-7, fonts.Sans, size, spansText(lines[0]))
				p.text(vx, y+1, fonts.Sans, size, spansText(lines[1]))
				return
			}
		}
	}
	p.boxed(vx, y, end, 9, value, field)
}

// boxed draws value from x, at size or smaller down to 6 points, so it
// ends before end; a value that does not fit even then is an error that
// names the field, never text running over the box's edge.
func (p *pager) boxed(x, y, end, size float64, value, field string) {
	sz := fit(fonts.Sans, size, value, end-x)
	if fonts.Width(fonts.Sans, sz, value) > end-x {
		p.fail("%s %q is too long for its box on the form (%.0f points at 6 pt, the box holds %.0f); shorten it or use --layout pleading",
			field, value, fonts.Width(fonts.Sans, sz, value), end-x)
		return
	}
	p.text(x, y, fonts.Sans, sz, value)
}

// letterhead centres the filer's lines at the top of a letter.
func (p *pager) letterhead() {
	f := p.f
	y := 72.0
	for i, l := range p.doc.Caption.Filer {
		face := f.face
		if i == 0 {
			face = f.face.Styled(true, false)
		}
		p.centered(f.Left, f.Right, y, face, f.Size, l)
		y += f.Tight
	}
	if len(p.doc.Caption.Filer) == 0 {
		// No letterhead: the letter starts where any page does, without
		// the blank band first_top keeps for one.
		p.y = f.Top
		return
	}
	p.line(f.Left, y-f.Tight+6, f.Right, y-f.Tight+6, 0.6)
	p.y = max(p.y, y+2*f.Leading)
}

// courtAddress fills the court box's four lines (street, mailing, city and
// ZIP code, branch) from x to end, one every step points from y, at the
// size that fits; a line the caption leaves empty stays blank.
func (p *pager) courtAddress(x, end, y, step float64) {
	c := p.doc.Caption
	for i, v := range []string{c.CourtStreet, c.CourtMailing, c.CourtCityZip, c.CourtBranch} {
		if v != "" {
			p.text(x, y+float64(i)*step, fonts.Sans, fit(fonts.Sans, 7, v, end-x), v)
		}
	}
}

// partyLabels are the form caption's case title and the label of the
// person's name: People v. the defendant, or, when no case was filed, the
// matter of the person's petition.
func partyLabels(c Caption) (title, party string) {
	if c.Matter {
		return "IN THE MATTER OF THE PETITION OF", "PETITIONER:"
	}
	return "PEOPLE OF THE STATE OF CALIFORNIA v.", "DEFENDANT:"
}

// partyName is party ("DEFENDANT:") as a word for a message.
func partyName(party string) string {
	return strings.ToLower(strings.TrimSuffix(party, ":"))
}
