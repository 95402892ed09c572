package draft

import (
	"strings"
	"testing"

	"github.com/reliefkit/relief/internal/assemble"
	"github.com/reliefkit/relief/internal/casefile"
	"github.com/reliefkit/relief/internal/date"
	"github.com/reliefkit/relief/internal/eligibility"
	"github.com/reliefkit/relief/internal/layout"
)

// A self-represented petitioner signs the Certificate of Rehabilitation
// packet four times: the petition, the verification, the declaration and
// the notice of filing. With --sign typed each stays blank until
// [statement] signed_on records that the petitioner signed; then each reads
// "/s/ Name" beside that date. The declaration once kept a blank line even
// then.
func TestCORDeclarantSignature(t *testing.T) {
	for _, tc := range []struct {
		name   string
		signed date.Date
		want   int
	}{
		{"not signed", date.Date{}, 0},
		{"signed", date.MustParse("2026-11-20"), 4},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f, err := casefile.Load("../../examples/cor-two-counties/case.toml", casefile.Options{})
			if err != nil {
				t.Fatal(err)
			}
			f.Statement.SignedOn = tc.signed
			rep := eligibility.Check(f, eligibility.Options{AsOf: f.AsOf})
			outs, _, err := Run(f, &rep, Options{Assemble: assemble.Options{Sign: "typed", Packets: []string{assemble.COR}}})
			if err != nil {
				t.Fatal(err)
			}
			var txt string
			for _, o := range outs {
				if o.Packet.FileName == "cor.pdf" {
					txt = layout.PlainText(o.PagesData)
				}
			}
			if txt == "" {
				t.Fatal("no cor.pdf drafted")
			}
			if got := strings.Count(txt, "/s/ Gloria Mendes"); got != tc.want {
				t.Errorf("%d typed petitioner signatures, want %d", got, tc.want)
			}
			if tc.want > 0 && !strings.Contains(txt, "November 20, 2026") {
				t.Error("the signed_on date is missing beside the signatures")
			}
		})
	}
}
