package rapsheet

import (
	"bytes"

	"github.com/reliefkit/relief/internal/date"
	"path/filepath"
	"strings"
)

// lineWidth is where comments wrap.
const lineWidth = 88

// write renders the case file.
func (b *builder) write() []byte {
	var w bytes.Buffer
	pet := b.petitioner() // first: it may add warnings
	p := b.sh.Person
	name := personName(p.Primary().Text)
	if name == "" {
		name = "an unnamed person"
	}
	src := filepath.Base(b.opt.Source)
	if b.opt.Source == "" {
		src = b.sh.Name
	}
	about := "CII " + p.CII
	if p.CII == "" {
		about = "no CII number"
	}
	if !b.sh.Date.IsZero() {
		about += ", sheet dated " + b.sh.Date.String()
	}
	wrap(&w, "", "# ", "Case file for "+name+", imported by relief import rapsheet from a California DOJ RAP sheet: "+src+" ("+about+"). Every imported value names, in a comment, the sheet line it was read from. A line \"# key = value\" is a value the sheet suggests but does not prove: confirm it, then remove the \"# \". This file is a draft for attorney review.")
	w.WriteString("#\n# TO CONFIRM (relief check answers \"review\" where the law needs one of these):\n")
	for _, c := range b.confirm {
		wrap(&w, "", "#   - ", c)
	}
	if len(b.warnings) > 0 {
		w.WriteString("#\n# SHEET WARNINGS (kept, not imported; read these lines on the sheet):\n")
		for _, x := range b.warnings {
			wrap(&w, "", "#   - ", x.String())
		}
	}
	if !b.opt.AsOf.IsZero() {
		w.WriteString("\nas_of = " + b.opt.AsOf.String() + "  # given to relief import --as-of\n")
	}
	b.writeBlock(&w, pet, false)
	if len(b.status) > 0 {
		b.writeBlock(&w, &block{header: "[status]", kvs: b.status}, false)
	}
	for _, blk := range b.cases {
		b.writeBlock(&w, blk, false)
	}
	for _, blk := range b.arrests {
		b.writeBlock(&w, blk, false)
	}
	return w.Bytes()
}

// petitioner builds the [petitioner] table.
func (b *builder) petitioner() *block {
	p := b.sh.Person
	blk := &block{header: "[petitioner]"}
	prim := p.Primary()
	if prim.Text == "" {
		blk.set("name", quote("(no name on the sheet)"), "TO CONFIRM")
		b.toConfirm("the petitioner's name: the sheet has no NAM/ entry")
	} else {
		blk.set("name", quote(personName(prim.Text)), src(prim.Line))
	}
	var others, at []string
	for _, n := range p.Names {
		s := personName(n.Text)
		if n.Code == prim.Code && n.Text == prim.Text || s == personName(prim.Text) || containsStr(others, s) {
			continue
		}
		others = append(others, s)
		at = append(at, n.Line.Where()+" NAM/"+n.Code)
	}
	if len(others) > 0 {
		blk.set("other_names", list(others), strings.Join(at, ", "))
	}
	if !p.DOB.IsZero() {
		if first := b.firstEvent(); (!first.IsZero() && p.DOB.After(first)) || b.afterAsOf(p.DOB) {
			blk.hold("dob", p.DOB.String(), "CONTRADICTION: after the first event on the sheet or the as-of date; "+src(p.DOBLine))
			b.warn(p.DOBLine, "date of birth %s contradicts the sheet's events; kept as a comment", p.DOB)
		} else {
			blk.set("dob", p.DOB.String(), src(p.DOBLine))
		}
	}
	if p.CII != "" {
		blk.comment("CII %s (%s)", p.CII, p.CIILine.Where())
	}
	return blk
}

func (b *builder) writeBlock(w *bytes.Buffer, blk *block, parentOff bool) {
	off := blk.off || parentOff
	lead := blk.indent
	if off {
		lead += "# "
	}
	w.WriteString("\n")
	line(w, lead+blk.header, blk.note)
	for _, c := range blk.top {
		wrap(w, blk.indent, "# ", c)
	}
	for _, x := range blk.kvs {
		l := lead
		if x.off && !off {
			l += "# "
		}
		line(w, l+x.key+" = "+x.val, x.note)
	}
	for _, c := range blk.comments {
		wrap(w, blk.indent, "# ", c)
	}
	for _, s := range blk.subs {
		b.writeBlock(w, s, off)
	}
}

// line writes text with its note as a trailing comment.
func line(w *bytes.Buffer, text, note string) {
	w.WriteString(text)
	if note != "" {
		w.WriteString("  # ")
		w.WriteString(note)
	}
	w.WriteByte('\n')
}

// wrap writes a comment paragraph: first line after prefix, later lines
// indented to line up, each within lineWidth where words allow.
func wrap(w *bytes.Buffer, indent, prefix, text string) {
	cont := "#" + strings.Repeat(" ", len(prefix)-1)
	cur := indent + prefix
	n := 0
	for _, word := range strings.Fields(text) {
		if n > 0 && len(cur)+1+len(word) > lineWidth {
			w.WriteString(cur + "\n")
			cur, n = indent+cont, 0
		}
		if n > 0 {
			cur += " "
		}
		cur += word
		n++
	}
	w.WriteString(cur + "\n")
}

// firstEvent is the earliest event date on the sheet.
func (b *builder) firstEvent() date.Date {
	var first date.Date
	for _, c := range b.sh.Cycles {
		for _, e := range c.Events {
			if !e.Date.IsZero() && (first.IsZero() || e.Date.Before(first)) {
				first = e.Date
			}
		}
	}
	return first
}
