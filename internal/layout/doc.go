// Package layout turns rendered Markdown documents and page frames from
// forms/ into pages of positioned text, lines and boxes: the draw list
// (internal/drawlist). The draw list is plain data so tests can compare
// it; the pdf package is the only one that turns it into bytes.
package layout
