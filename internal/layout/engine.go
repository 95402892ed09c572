package layout

import (
	"cmp"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/reliefkit/relief/internal/drawlist"
	"github.com/reliefkit/relief/internal/fonts"
)

// Caption is what a frame prints around the body, taken from the case.
// assemble.Caption has the same fields, so that draft can convert one to
// the other; a field added here must be added there.
type Caption struct {
	Filer     []string // attorney or party block (letterhead on letters), one line each
	Court     []string // court title lines
	Parties   []string // case title, left of centre on pleading paper
	Defendant string   // form frame: DEFENDANT
	DOB       string   // form frame: DATE OF BIRTH
	// Matter is true when no court case was filed (an arrest sealed under
	// § 851.91 that was never charged): the caption names the person as
	// the petitioner in the matter of the petition, not as a defendant in
	// People v.
	Matter     bool
	CaseNumber string
	Hearing    []string // pleading: lines under the paper title
	// Form frame: the court box's address lines, from the county table;
	// empty lines stay blank for the filer.
	CourtStreet, CourtMailing, CourtCityZip, CourtBranch string
}

// Document is one rendered template ready for layout.
type Document struct {
	Source   string // where the body came from (a template path), for errors
	Frame    string // a frame name from forms/
	Title    string
	Short    string // footer title; Title when empty
	Form     string // form id for form frames, e.g. "CR-180"
	Revision string // revision of the official form the layout follows
	Cites    string // code sections for the title box and footer
	Bookmark string // outline entry; Title when empty
	// Attachment, when set ("1"), makes the document that attachment to
	// the document before it, as MC-025 does: a short caption naming the
	// attachment on every page, and page numbers that continue the
	// document's own.
	Attachment string
	Body       []byte // Markdown
	Caption    Caption
}

// Options control decoration shared by every page.
type Options struct {
	// Draft is printed at the top of every page; empty for none.
	Draft string
	// PageOf formats the page number in footers, with the page and the
	// page count: "Página %d de %d" for a letter in Spanish. Empty means
	// "Page %d of %d".
	PageOf string
}

// Error is a layout problem in one document.
type Error struct {
	Source string
	Msg    string
}

func (e *Error) Error() string { return e.Source + ": " + e.Msg }

// Pages lays out docs, in order, and returns the pages with one bookmark
// per document.
func Pages(docs []Document, frames Frames, opt Options) ([]drawlist.Page, []drawlist.Bookmark, error) {
	var pages []drawlist.Page
	var marks []drawlist.Bookmark
	var group []*pager // a document and the attachments that continue it
	lines, ops := new(lineBuf), new(opArena)
	flush := func() {
		finishGroup(group, opt)
		for _, p := range group {
			title := p.doc.Bookmark
			if title == "" {
				title = p.doc.Title
			}
			marks = append(marks, drawlist.Bookmark{Title: title, Page: len(pages)})
			pages = append(pages, p.pages...)
		}
		group = group[:0]
	}
	for i := range docs {
		d := &docs[i]
		f, ok := frames[d.Frame]
		if !ok {
			return nil, nil, &Error{d.Source, fmt.Sprintf("frame %q is not one of %s", d.Frame, strings.Join(frames.Names(), ", "))}
		}
		blocks, err := parseMarkdown(d.Body)
		if err != nil {
			return nil, nil, &Error{d.Source, "rendered Markdown " + err.Error()}
		}
		p := &pager{f: f, doc: d, lines: lines, ops: ops}
		p.newPage()
		p.blocks(blocks, f.Left, f.Right-f.Left)
		p.closePage()
		if p.err != nil {
			return nil, nil, &Error{d.Source, p.err.Error()}
		}
		if d.Attachment == "" {
			flush()
		}
		group = append(group, p)
	}
	flush()
	for _, p := range group {
		if p.err != nil {
			return nil, nil, &Error{p.doc.Source, p.err.Error()}
		}
	}
	return pages, marks, nil
}

// finishGroup draws the footers of a document and its attachments, whose
// pages are numbered as one, and the draft mark.
func finishGroup(group []*pager, opt Options) {
	total := 0
	for _, p := range group {
		total += len(p.pages)
	}
	n := 0
	for _, p := range group {
		for i := range p.pages {
			n++
			p.cur = i
			p.footer(n, total, cmp.Or(opt.PageOf, "Page %d of %d"))
			if opt.Draft != "" {
				p.centered(0, drawlist.LetterWidth, 22, fonts.SansBold, 8, opt.Draft)
				p.page().Ops[len(p.page().Ops)-1].Gray = 0.35
			}
		}
	}
}

// pager places blocks on the pages of one document. y is the baseline of
// the next line.
type pager struct {
	f     *Frame
	doc   *Document
	pages []drawlist.Page
	cur   int // index of the page being drawn
	y     float64
	err   error
	// lines holds the lines of the paragraph being drawn, and ops the
	// memory of the pages' Ops; every pager of a Pages call shares them
	// (see lineBuf and opArena).
	lines *lineBuf
	ops   *opArena
	// measuring is set on a pager that lays blocks out only to see where
	// they end (fits): it draws nothing.
	measuring bool
}

func (p *pager) page() *drawlist.Page { return &p.pages[p.cur] }

func (p *pager) newPage() {
	var ops []drawlist.Op
	if !p.measuring {
		p.closePage()
		ops = p.ops.open()
	}
	p.pages = append(p.pages, drawlist.Page{Width: drawlist.LetterWidth, Height: drawlist.LetterHeight, Ops: ops})
	p.cur = len(p.pages) - 1
	first := len(p.pages) == 1 && p.doc.Attachment == ""
	p.y = p.f.Top
	if first {
		p.y = p.f.FirstTop
	}
	switch p.f.Kind {
	case "pleading":
		p.pleadingPage(first)
	case "jcform":
		p.formPage(first)
	case "letter":
		if first {
			p.letterhead()
		}
	}
}

// closePage ends the body of the page being drawn (see opArena.close).
func (p *pager) closePage() {
	if len(p.pages) > 0 {
		pg := p.page()
		pg.Ops = p.ops.close(pg.Ops)
	}
}

// room starts a new page when fewer than h points remain above the bottom
// line for the next baseline.
func (p *pager) room(h float64) {
	if p.y+h-p.f.Leading > p.f.Bottom+0.01 && !p.atTop() {
		p.newPage()
	}
}

func (p *pager) atTop() bool {
	top := p.f.Top
	if len(p.pages) == 1 && p.doc.Attachment == "" {
		top = p.f.FirstTop
	}
	return p.y <= top+0.01
}

// snap moves y down to the next numbered line on pleading paper, so
// double-spaced text stays beside the line numbers.
func (p *pager) snap() {
	if p.f.Kind != "pleading" {
		return
	}
	k := math.Ceil((p.y-p.f.Top)/p.f.Leading - 0.001)
	p.y = p.f.Top + k*p.f.Leading
}

func (p *pager) text(x, y float64, face fonts.Face, size float64, s string) {
	if s == "" || p.measuring {
		return // a measuring pager neither draws nor checks
	}
	if r, bad := fonts.Missing(face, s); bad && p.err == nil {
		p.err = fmt.Errorf("the embedded fonts cannot print %q (U+%04X) in %q", r, r, s)
	}
	p.draw(drawlist.Op{Kind: drawlist.Text, X: x, Y: y, Face: face, Size: size, Text: s})
}

// draw adds op to the page being drawn, unless the pager is measuring.
func (p *pager) draw(op drawlist.Op) {
	if !p.measuring {
		p.page().Ops = append(p.page().Ops, op)
	}
}

func (p *pager) line(x1, y1, x2, y2, w float64) {
	p.draw(drawlist.Op{Kind: drawlist.Line, X: x1, Y: y1, X2: x2, Y2: y2, Stroke: w})
}

func (p *pager) rect(x, y, w, h, stroke float64, fill bool, gray float64) {
	p.draw(drawlist.Op{Kind: drawlist.Rect, X: x, Y: y, W: w, H: h, Stroke: stroke, Fill: fill, Gray: gray})
}

// centered draws s centred between x1 and x2, shrinking it to fit.
func (p *pager) centered(x1, x2, y float64, face fonts.Face, size float64, s string) {
	size = fit(face, size, s, x2-x1)
	w := fonts.Width(face, size, s)
	p.text(x1+(x2-x1-w)/2, y, face, size, s)
}

// rightAt draws s ending at x.
func (p *pager) rightAt(x, y float64, face fonts.Face, size float64, s string) {
	p.text(x-fonts.Width(face, size, s), y, face, size, s)
}

// fit returns the largest size not above size (and not below 6 pt) at
// which s fits in width.
func fit(face fonts.Face, size float64, s string, width float64) float64 {
	for size > 6 && fonts.Width(face, size, s) > width {
		size -= 0.5
	}
	return size
}

func (p *pager) emit(x float64, ln textLine, size float64) { p.emitAt(x, p.y, ln, size) }

func (p *pager) emitAt(x, y float64, ln textLine, size float64) {
	for i := range ln.spans {
		s := &ln.spans[i]
		if !strings.Contains(s.text(), "\u2003") {
			p.text(x+s.x, y, s.face, size, s.text())
			continue
		}
		p.textWithBoxes(x+s.x, y, s.face, size, s.text())
	}
}

// textWithBoxes draws s with each inline checkbox stand-in (boxEmpty,
// boxChecked) drawn as a checkbox in the space the stand-in takes.
func (p *pager) textWithBoxes(x, y float64, face fonts.Face, size float64, s string) {
	for s != "" {
		i := strings.Index(s, "\u2003")
		if i < 0 || (!strings.HasPrefix(s[i:], boxEmpty) && !strings.HasPrefix(s[i:], boxChecked)) {
			p.text(x, y, face, size, s)
			return
		}
		// Spaces beside a box are left as room, not drawn, so a reader
		// sees "needed: ☐ no" with single spaces.
		p.text(x, y, face, size, strings.TrimRight(s[:i], " "))
		x += fonts.Width(face, size, s[:i])
		p.checkbox(x, y, size, strings.HasPrefix(s[i:], boxChecked))
		x += fonts.Width(face, size, s[i:i+len(boxEmpty)])
		s = s[i+len(boxEmpty):]
		rest := strings.TrimLeft(s, " ")
		x += fonts.Width(face, size, s[:len(s)-len(rest)])
		s = rest
	}
}

func (p *pager) blocks(bs []block, x, width float64) {
	for i := range bs {
		p.block(&bs[i], x, width)
	}
}

func (p *pager) block(b *block, x, width float64) {
	f := p.f
	switch b.kind {
	case bPara:
		p.para(b.runs, x, width, f.face, f.Size, f.Leading, b.align, f.Indent, nil)
		p.y += f.ParaGap
	case bHeading:
		size := f.HeadingSize
		if b.level > 1 {
			size = f.Size
		}
		p.room(3 * f.Leading)
		runs := b.runs
		if b.level >= 3 {
			runs = restyle(runs, true, true)
		}
		p.para(runs, x, width, f.face, size, f.Leading, b.align, 0, nil)
		p.y += f.ParaGap
	case bList:
		p.list(b, x, width)
	case bTable:
		p.table(b, x, width)
	case bRule:
		p.room(f.Leading)
		p.line(x, p.y-f.Size*0.3, x+width, p.y-f.Size*0.3, 0.6)
		p.y += f.Leading
	case bPageBreak:
		if !p.atTop() {
			p.newPage()
		}
	case bSpace:
		for range b.n {
			p.room(f.Leading)
			p.y += f.Leading
		}
	case bLines:
		p.room(f.Tight * float64(min(len(b.lines), 6)))
		for _, l := range b.lines {
			p.room(f.Tight)
			ln := p.lines.wrap([]run{{text: l}}, f.face, f.Size, width, width)
			for _, w := range ln {
				lx := x
				switch b.align {
				case alignCenter:
					lx = x + (width-w.width)/2
				case alignRight:
					lx = x + width - w.width
				}
				p.emit(lx, w, f.Size)
				p.y += f.Tight
			}
		}
		p.y += f.ParaGap
		p.snap()
	case bSignature:
		p.signature(b.fields, x, width)
	case bKeep:
		inner := width
		box := b.courtUse && f.Kind == "jcform"
		if box {
			inner = width - courtUseW - 8
		}
		if !p.atTop() && !p.fits(b.inner, x, inner) {
			p.newPage()
		}
		top, page := p.y-f.Size, p.cur
		p.blocks(b.inner, x, inner)
		if box && p.cur == page {
			bx := x + width - courtUseW
			p.rect(bx, top, courtUseW, p.y-top, 0.6, false, 0)
			p.centered(bx, bx+courtUseW, top+8, fonts.Sans, 6.5, "FOR COURT USE ONLY")
		}
	}
}

// courtUseW is the width of a FOR COURT USE ONLY box beside a block.
const courtUseW = 160.0

// fits lays bs out without drawing them and reports whether they end on
// the page where they start.
func (p *pager) fits(bs []block, x, width float64) bool {
	trial := &pager{f: p.f, doc: p.doc, y: p.y, pages: make([]drawlist.Page, len(p.pages)), cur: p.cur, lines: p.lines, measuring: true}
	trial.blocks(bs, x, width)
	return len(trial.pages) == len(p.pages)
}

func restyle(runs []run, bold, italic bool) []run {
	out := make([]run, len(runs))
	for i, r := range runs {
		out[i] = run{text: r.text, bold: r.bold || bold, italic: r.italic || italic}
	}
	return out
}

// para wraps runs and places the lines; label, when set, is called with
// the baseline of the first line (list labels and checkboxes).
func (p *pager) para(runs []run, x, width float64, face fonts.Face, size, lead float64, al align, indent float64, label func(y float64)) {
	if len(runs) == 0 {
		if label != nil {
			p.room(lead)
			label(p.y)
			p.y += lead
		}
		return
	}
	lines := p.lines.wrap(runs, face, size, width-indent, width)
	for i, ln := range lines {
		// No paragraph leaves its first line alone at the foot of a page
		// (an orphan) or its last line alone at the top of the next (a
		// widow).
		if n := len(lines); n >= 2 && (i == 0 || i == n-2) {
			p.room(2 * lead)
		}
		p.room(lead)
		lx := x
		if i == 0 {
			lx += indent
			if label != nil {
				label(p.y)
			}
		}
		switch al {
		case alignCenter:
			lx = x + (width-ln.width)/2
		case alignRight:
			lx = x + width - ln.width
		}
		p.emit(lx, ln, size)
		p.y += lead
	}
}

func (p *pager) list(b *block, x, width float64) {
	f := p.f
	labelW := 0.0
	box := false
	for _, it := range b.items {
		labelW = max(labelW, fonts.Width(f.face, f.Size, it.label))
		box = box || it.check >= 0
	}
	labelW += f.Size * 0.5
	boxW := 0.0
	if box {
		boxW = f.Size * 1.2
	}
	textX := x + labelW + boxW
	for i, it := range b.items {
		// The last two items of a list start on the same page, so no
		// page opens with a lone last item (a widow).
		if n := len(b.items); n >= 3 && i == n-2 {
			p.room(2*f.Leading + f.ParaGap)
		}
		label := func(y float64) {
			if it.label != "•" || it.check < 0 {
				// A checkbox stands in for the bullet.
				p.text(x, y, f.face, f.Size, it.label)
			}
			if it.check >= 0 {
				p.checkbox(x+labelW, y, f.Size, it.check == 1)
			}
		}
		rest := it.blocks
		if len(rest) > 0 && rest[0].kind == bPara {
			p.para(rest[0].runs, textX, width-(textX-x), f.face, f.Size, f.Leading, alignLeft, 0, label)
			rest = rest[1:]
		} else {
			p.para(nil, textX, 0, f.face, f.Size, f.Leading, alignLeft, 0, label)
		}
		for i := range rest {
			if rest[i].kind == bPara {
				p.y += f.ParaGap / 2
				p.para(rest[i].runs, textX, width-(textX-x), f.face, f.Size, f.Leading, alignLeft, 0, nil)
				continue
			}
			p.block(&rest[i], textX, width-(textX-x))
		}
		p.y += f.ParaGap
	}
}

// checkbox draws a square whose bottom sits just below the baseline y,
// with an X when checked, and an invisible space on the baseline whose
// text layer reads U+2612 or U+2610, so copy-paste, a screen reader and
// a test tell the states apart.
func (p *pager) checkbox(x, y, size float64, checked bool) {
	s := size * 0.8
	top := y - s + size*0.1
	p.rect(x, top, s, s, 0.6, false, 0)
	mark := drawlist.EmptyBox
	if checked {
		in := s * 0.18
		p.line(x+in, top+in, x+s-in, top+s-in, 1)
		p.line(x+in, top+s-in, x+s-in, top+in, 1)
		mark = drawlist.CheckedBox
	}
	p.draw(drawlist.Op{Kind: drawlist.Text, X: x, Y: y, Face: p.f.face, Size: size, Text: " ", Actual: mark})
}

func (p *pager) table(b *block, x, width float64) {
	f := p.f
	// Pleading paper keeps 12 points in tables too (rule 2.104).
	size := f.Size
	pad := 3.0
	lead := size * 1.15
	ncol := 0
	for _, r := range b.rows {
		ncol = max(ncol, len(r))
	}
	if ncol == 0 {
		return
	}
	natural := make([]float64, ncol)
	minimum := make([]float64, ncol)
	for ri, r := range b.rows {
		for ci, c := range r {
			face := f.face.Styled(ri == 0 && b.header, false)
			for _, ln := range strings.Split(plain(c), "\n") {
				natural[ci] = max(natural[ci], fonts.Width(face, size, ln)+2*pad)
			}
			// Only plain spaces break lines, so a no-break space keeps
			// "Attachment 1" in one piece.
			for _, w := range strings.FieldsFunc(plain(c), func(r rune) bool { return r == ' ' || r == '\n' || r == '\t' }) {
				minimum[ci] = max(minimum[ci], fonts.Width(face, size, w)+2*pad)
			}
		}
	}
	widths := columnWidths(natural, minimum, width)
	drawRow := func(ri int, top float64) float64 {
		r := b.rows[ri]
		cells := make([][]textLine, ncol)
		n := 1
		for ci := range ncol {
			var runs []run
			if ci < len(r) {
				runs = r[ci]
			}
			if ri == 0 && b.header {
				runs = restyle(runs, true, false)
			}
			cells[ci] = wrap(runs, f.face, size, widths[ci]-2*pad, widths[ci]-2*pad)
			n = max(n, len(cells[ci]))
		}
		h := 2*pad + size*1.1 + float64(n-1)*lead
		if top+h > f.Bottom+size*0.3 && len(p.pages) > 0 && top > p.firstBodyTop()+1 {
			return -1
		}
		cx := x
		if ri == 0 && b.header {
			p.rect(x, top, width, h, 0, true, 0.88)
		}
		for ci := range ncol {
			p.rect(cx, top, widths[ci], h, 0.5, false, 0)
			al := alignLeft
			if ci < len(b.aligns) {
				al = b.aligns[ci]
			}
			for li, ln := range cells[ci] {
				lx := cx + pad
				switch al {
				case alignCenter:
					lx = cx + (widths[ci]-ln.width)/2
				case alignRight:
					lx = cx + widths[ci] - pad - ln.width
				}
				y := top + pad + size*0.85 + float64(li)*lead
				p.emitAt(lx, y, ln, size)
			}
			cx += widths[ci]
		}
		return top + h
	}
	// The table's top border sits below the previous line's descenders.
	top := p.y - size*0.6
	if f.Kind == "pleading" {
		top = p.y - f.Leading + size*0.5
	}
	for ri := range b.rows {
		bottom := drawRow(ri, top)
		if bottom < 0 {
			p.newPage()
			top = p.y - size

			if b.header && ri > 0 {
				top = drawRow(0, top)
			}
			bottom = drawRow(ri, top)
		}
		top = bottom
	}
	p.y = top + size + f.ParaGap + 2
	p.snap()
}

func (p *pager) firstBodyTop() float64 {
	if len(p.pages) == 1 && p.doc.Attachment == "" {
		return p.f.FirstTop - 20
	}
	return p.f.Top - 20
}

// columnWidths shares width among columns: each gets at least its longest
// word, then the rest in proportion to what its longest line needs.
func columnWidths(natural, minimum []float64, width float64) []float64 {
	out := make([]float64, len(natural))
	sumN, sumM := 0.0, 0.0
	for i := range natural {
		sumN += natural[i]
		sumM += minimum[i]
	}
	switch {
	case sumN <= width:
		for i := range out {
			out[i] = natural[i] * width / sumN
		}
	case sumM >= width:
		for i := range out {
			out[i] = minimum[i] * width / sumM
		}
	default:
		extra := width - sumM
		for i := range out {
			out[i] = minimum[i] + extra*(natural[i]-minimum[i])/(sumN-sumM)
		}
	}
	return out
}

// signature draws a date line and a signature line with the signer's
// printed name under it, kept together on one page.
func (p *pager) signature(fl map[string]string, x, width float64) {
	f := p.f
	p.room(f.Leading + 3*f.Tight + f.Leading)
	small := max(6.5, f.Size-3)
	// Without a date key there is no date line (letters carry their date
	// at the top); an empty date leaves a blank to fill in.
	if date, ok := fl["date"]; ok {
		p.text(x, p.y, f.face, f.Size, "Date: ")
		dx := x + fonts.Width(f.face, f.Size, "Date: ")
		if date == "" {
			p.line(dx, p.y+2, dx+144, p.y+2, 0.5)
		} else {
			p.text(dx, p.y, f.face, f.Size, date)
		}
		p.y += f.Leading + f.Tight
	} else {
		p.y += f.Tight
	}
	mid := x + width*0.52
	if fl["signed"] != "" {
		p.text(mid+6, p.y, f.face.Styled(false, true), f.Size, fl["signed"])
	}
	p.text(x, p.y, f.face, f.Size, fl["name"])
	p.line(x, p.y+2.5, mid-18, p.y+2.5, 0.5)
	p.rightAt(mid-4, p.y, f.face, f.Size, "►")
	p.line(mid, p.y+2.5, x+width, p.y+2.5, 0.5)
	p.y += f.Tight
	p.centered(x, mid-18, p.y, f.face, small, "(TYPE OR PRINT NAME)")
	title := fl["title"]
	if title == "" {
		title = "SIGNATURE"
	}
	p.centered(mid, x+width, p.y, f.face, small, "("+strings.ToUpper(title)+")")
	p.y += f.Leading
	p.snap()
}

func (p *pager) short() string {
	if p.doc.Short != "" {
		return p.doc.Short
	}
	return p.doc.Title
}

func (p *pager) footer(page, total int, pageOf string) {
	f := p.f
	switch f.Kind {
	case "pleading":
		// Page number, footer rule and title (rules 2.109, 2.110), the
		// title a third of an inch above the paper's edge.
		y := f.Bottom + 15
		p.centered(f.Left, f.Right, y, f.face, f.Size, strconv.Itoa(page))
		p.line(f.Left, y+5, f.Right, y+5, 0.8)
		p.centered(f.Left, f.Right, y+15, f.face, f.FooterSize, strings.ToUpper(p.short()))
	case "jcform":
		y := f.Bottom + 22
		p.line(f.Left, y-9, f.Right, y-9, 0.5)
		// No form number or revision here either: docs/forms.md records
		// which revision each layout follows and how far it was verified.
		note := "Drawn by relief; not a Judicial Council form"
		if p.doc.Form != "" {
			note = "Format of " + p.doc.Form + "; drawn by relief, not the Judicial Council form"
		}
		// Below the title's line, so a long form name never runs into
		// the centred title.
		p.text(f.Left, y+8, fonts.Sans, f.FooterSize-0.5, note)
		p.centered(f.Left+170, f.Right-170, y, fonts.SansBold, f.FooterSize+1.5, strings.ToUpper(p.short()))
		p.rightAt(f.Right, y, fonts.Sans, f.FooterSize+1, fmt.Sprintf(pageOf, page, total))
		if p.doc.Cites != "" {
			lines := wrap([]run{{text: p.doc.Cites}}, fonts.Sans, f.FooterSize-0.5, 170, 170)
			for i, ln := range lines {
				if i > 1 {
					break
				}
				p.rightAt(f.Right, y+8+float64(i)*7.5, fonts.Sans, f.FooterSize-0.5, spansText(ln))
			}
		}
	default:
		y := f.Bottom + 36
		p.line(f.Left, y-11, f.Right, y-11, 0.5)
		p.text(f.Left, y, f.face, f.FooterSize, p.short())
		p.rightAt(f.Right, y, f.face, f.FooterSize, fmt.Sprintf(pageOf, page, total))
	}
}

func spansText(ln textLine) string {
	var b strings.Builder
	for i := range ln.spans {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(ln.spans[i].text())
	}
	return b.String()
}

func errorf(format string, args ...any) error { return fmt.Errorf(format, args...) }

// opArena hands out the memory of pages' Ops from chunks shared by the
// pages of a Pages call. Grown by doubling from nothing, each page's Ops
// would allocate about twice what the page keeps, and a fresh process
// pays a page fault for every new 4 KiB. So the page being drawn takes
// the rest of the current chunk as its capacity; when its body is done
// (close) it keeps room for its footer and the next page starts after
// that. A page that outgrows the chunk moves to an array of its own, as
// any slice does, and the next page takes what that array has left.
type opArena struct {
	free []drawlist.Op // the unused end of the last chunk, length 0
}

const (
	opChunk = 256 // Ops in a chunk; a full page has 50 to 140
	// footerOps is the room kept after a page's body for what
	// finishGroup draws on it later: at most a rule, three texts, two
	// lines of citations and the draft mark.
	footerOps = 8
)

// open returns the Ops of a new page: empty, with the rest of the chunk
// (or a new chunk, when little is left) as capacity.
func (a *opArena) open() []drawlist.Op {
	if cap(a.free) < opChunk/4 {
		a.free = make([]drawlist.Op, 0, opChunk)
	}
	ops := a.free
	a.free = nil
	return ops
}

// close ends the body of a page whose Ops are ops: they keep room for
// footerOps more, capped so that nothing appended to them reaches the
// next page's, and the capacity after that is free for the next page.
// A page that filled its chunk moves now to an array just big enough,
// rather than doubling for its footer later.
func (a *opArena) close(ops []drawlist.Op) []drawlist.Op {
	n := len(ops) + footerOps
	if n > cap(ops) {
		a.free = nil
		return append(make([]drawlist.Op, 0, n), ops...)
	}
	a.free = ops[n:n]
	return ops[:len(ops):n]
}
