package eligibility

import (
	"testing"

	"github.com/reliefkit/relief/internal/casefile"
	"github.com/reliefkit/relief/internal/law"
)

func benchFile() *casefile.File {
	f := person(
		oneCount("PC 459/460(b)", "felony", "2015-06-01", casefile.Sentence{Kind: "probation", ProbationEnd: d("2018-07-15")}),
		oneCount("HS 11378", "felony", "2016-04-04", casefile.Sentence{Kind: "jail_1170h", MandatorySupervision: true, ReleasedOn: d("2017-04-04"), SupervisionEndedOn: d("2019-04-03")}),
		oneCount("VC 23152(b)", "misdemeanor", "2020-10-05", casefile.Sentence{Kind: "probation", ProbationEnd: d("2023-10-04")}),
	)
	f.Arrests = []casefile.Arrest{{ID: "a", Date: d("2020-02-10"), County: "Alameda", Offenses: []string{"PC 242"}, Disposition: "no_charges"}}
	return f
}

// BenchmarkCheck measures one case file with three cases and an arrest.
func BenchmarkCheck(b *testing.B) {
	f, tab := benchFile(), law.Default()
	b.ReportAllocs()
	for b.Loop() {
		Check(f, Options{AsOf: d("2026-11-26"), Table: tab})
	}
}

// BenchmarkCheck10000 measures 10,000 such files, the clinic-scale target.
func BenchmarkCheck10000(b *testing.B) {
	f, tab := benchFile(), law.Default()
	b.ReportAllocs()
	for b.Loop() {
		for range 10000 {
			Check(f, Options{AsOf: d("2026-11-26"), Table: tab})
		}
	}
}
