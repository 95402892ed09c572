package layout

import (
	"strconv"
	"strings"

	"github.com/reliefkit/relief/internal/fonts"
)

// pleadingPage draws the line numbers and rules of pleading paper and, on
// the first page, the caption of rule 2.111.
func (p *pager) pleadingPage(first bool) {
	f := p.f
	for i := 1; i <= f.Lines; i++ {
		p.rightAt(f.Left-22, f.Top+float64(i-1)*f.Leading, f.face, f.Size, strconv.Itoa(i))
	}
	p.line(f.Left-15, 0, f.Left-15, LetterHeight, 0.6)
	p.line(f.Left-12.5, 0, f.Left-12.5, LetterHeight, 0.6)
	p.line(f.Right+6, 0, f.Right+6, LetterHeight, 0.6)
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
		small := f.Size - 2
		for _, ln := range wrap([]run{{text: "(" + p.doc.Cites + ")"}}, f.face, small, rw, rw) {
			p.emitAt(rx, y, ln, small)
			y += small + 1
		}
		y += f.Tight - small - 1
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
	p.rightAt(R, 28, fonts.SansBold, 11, p.doc.Form)
	if !first {
		p.rect(L, 36, R-L, 28, 0.6, false, 0)
		p.line(420, 36, 420, 64, 0.6)
		label(L+4, 44, "PEOPLE OF THE STATE OF CALIFORNIA v.")
		p.text(L+4, 57, fonts.Sans, fit(fonts.Sans, 8.5, "DEFENDANT: "+c.Defendant, 420-L-8), "DEFENDANT: "+c.Defendant)
		label(424, 44, "CASE NUMBER:")
		p.text(424, 57, fonts.Sans, fit(fonts.Sans, 9, c.CaseNumber, R-428), c.CaseNumber)
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
	label(L+4, 205, "PEOPLE OF THE STATE OF CALIFORNIA v.")
	label(L+4, 219, "DEFENDANT:")
	p.text(L+46, 219, fonts.Sans, fit(fonts.Sans, 9, c.Defendant, 218-L-46), c.Defendant)
	label(270, 219, "DATE OF BIRTH:")
	p.text(322, 219, fonts.Sans, 9, c.DOB)
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
	p.text(split+4, 247, fonts.Sans, fit(fonts.Sans, 9.5, c.CaseNumber, R-split-8), c.CaseNumber)
	p.rect(split, 252, R-split, 24, 0.6, false, 0)
	label(split+4, 260, "HEARING DATE:")
	label(split+4, 271, "TIME:")
	label(split+92, 271, "DEPT.:")
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
	if len(p.doc.Caption.Filer) > 0 {
		p.line(f.Left, y-f.Tight+6, f.Right, y-f.Tight+6, 0.6)
		p.y = max(p.y, y+2*f.Leading)
	}
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
