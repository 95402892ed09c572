package cli

import (
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/reliefkit/relief/internal/law"
)

// OffensesOptions are relief offenses' inputs.
type OffensesOptions struct {
	Env
	Query string
	JSON  bool
}

// NewCmdOffenses builds `relief offenses`.
func NewCmdOffenses(env Env, runF func(*OffensesOptions) error) *cobra.Command {
	opts := &OffensesOptions{Env: env}
	cmd := &cobra.Command{
		Use:   "offenses [QUERY]",
		Short: "Show what the offense table knows about a section or a word",
		Long: `offenses prints the offense table's entries: level, wobbler, serious (PC 1192.7(c)),
violent (PC 667.5(c)), PC 290 registration, 1170(h), VC 12810, exclusions and the
statute of limitations, with the statutes that make it so. QUERY is a section as
people write it ("PC 245(a)(1)", "459 PC") or words from the description.`,
		Example: `  relief offenses "PC 288"
  relief offenses burglary
  relief offenses --json VC 23152`,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Query = strings.Join(args, " ")
			if runF != nil {
				return runF(opts)
			}
			return offensesRun(opts)
		},
	}
	cmd.Flags().BoolVar(&opts.JSON, "json", false, "print entries as JSON")
	return cmd
}

func triText(t law.Tri) string {
	switch t {
	case law.Yes:
		return "yes"
	case law.Facts:
		return "facts"
	}
	return "no"
}

func offensesRun(opts *OffensesOptions) error {
	tab := law.Default()
	var list []law.Offense
	if opts.Query == "" {
		list = tab.All()
	} else {
		list = tab.Search(opts.Query)
		if r, err := law.ParseRef(opts.Query); err == nil {
			if msg := tab.SubdivisionProblem(r); msg != "" {
				fmt.Fprintf(opts.Err, "relief: warning: %s\n", msg)
			}
		}
	}
	if opts.JSON {
		views := make([]offenseView, 0, len(list))
		for _, o := range list {
			views = append(views, viewOf(o))
		}
		return writeJSON(opts.Out, views)
	}
	if len(list) == 0 {
		fmt.Fprintf(opts.Err, "relief: nothing in the offense table matches %q\n", opts.Query)
		return nil
	}
	if len(list) == 1 || opts.Query != "" && len(list) <= 5 {
		for i, o := range list {
			if i > 0 {
				fmt.Fprintln(opts.Out)
			}
			writeOffense(opts, o)
		}
		return nil
	}
	tw := tabwriter.NewWriter(opts.Out, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "OFFENSE\tLEVEL\tSERIOUS\tVIOLENT\tPC 290\t1170(h)\tPROP\tLABEL")
	for _, o := range list {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", offenseName(o), o.Level, triText(o.Serious), triText(o.Violent), triText(o.Registrable290), triText(o.Realigned1170h), propText(o), o.Label)
	}
	return tw.Flush()
}

func offenseName(o law.Offense) string {
	s := o.Code + " " + o.Section + o.Subdivision
	if o.Degree != "" {
		s += " (" + o.Degree + " degree)"
	}
	return s
}

func writeOffense(opts *OffensesOptions, o law.Offense) {
	w := opts.Out
	fmt.Fprintf(w, "%s: %s\n", offenseName(o), o.Label)
	fmt.Fprintf(w, "  level: %s\n", o.Level)
	fmt.Fprintf(w, "  serious (PC 1192.7(c)): %s; violent (PC 667.5(c)): %s; PC 290: %s; 1170(h): %s\n",
		triText(o.Serious), triText(o.Violent), triText(o.Registrable290), triText(o.Realigned1170h))
	var flags []string
	if o.VC12810 {
		flags = append(flags, "VC 12810(a)-(e) offense (PC 1203.4 relief discretionary)")
	}
	if o.Excl1203_4b != "" {
		flags = append(flags, "excluded from PC 1203.4 ("+o.Excl1203_4b+")")
	}
	if o.Excl4852_01c {
		flags = append(flags, "bars a Certificate of Rehabilitation (PC 4852.01(c))")
	}
	if o.ReducibleToInfraction {
		flags = append(flags, "may be reduced to an infraction (PC 19.8)")
	}
	if o.CORPlus4 || o.LifeTerm {
		flags = append(flags, "life-term offense (PC 4852.03 +4 years)")
	}
	switch o.Prop47 {
	case law.Yes:
		flags = append(flags, "Prop 47 offense: a felony conviction may be resentenced or redesignated a misdemeanor (PC 1170.18)"+prop47Value(o))
	case law.Facts:
		flags = append(flags, "Prop 47 offense for some conduct under this section: check the record (PC 1170.18)"+prop47Value(o))
	}
	if o.Prop64 {
		flags = append(flags, "Prop 64 cannabis offense: resentencing, redesignation or dismissal and sealing (HS 11361.8)")
	}
	if o.AbuseCategory != "" {
		flags = append(flags, "abuse category "+o.AbuseCategory+" (PC 851.91 pattern rule)")
	}
	for _, f := range flags {
		fmt.Fprintf(w, "  %s\n", f)
	}
	switch o.NoSOL {
	case law.Yes:
		fmt.Fprintln(w, "  statute of limitations: none (PC 799)")
	case law.Facts:
		fmt.Fprintln(w, "  statute of limitations: depends on facts")
	default:
		if o.SOLYears > 0 {
			unit := "years"
			if o.SOLYears == 1 {
				unit = "year"
			}
			fmt.Fprintf(w, "  statute of limitations: %d %s %s\n", o.SOLYears, unit, o.SOLCite)
		}
	}
	if subs := o.SubdivisionsText(); subs != "" {
		fmt.Fprintf(w, "  subdivisions of the section: %s\n", subs)
	}
	if o.PriorDependent != "" {
		fmt.Fprintf(w, "  with priors: %s\n", o.PriorDependent)
	}
	if o.Source != "" {
		fmt.Fprintf(w, "  source: %s\n", o.Source)
	}
	if o.Notes != "" {
		fmt.Fprintf(w, "  notes: %s\n", o.Notes)
	}
	if o.Unconfirmed {
		fmt.Fprintln(w, "  [unconfirmed: part of this entry is not checked against current statute text]")
	}
}

// propText is the table column naming the proposition that reaches an
// offense: "47", "47?" (only some conduct under the section), "64".
func propText(o law.Offense) string {
	var ps []string
	switch o.Prop47 {
	case law.Yes:
		ps = append(ps, "47")
	case law.Facts:
		ps = append(ps, "47?")
	}
	if o.Prop64 {
		ps = append(ps, "64")
	}
	if len(ps) == 0 {
		return "-"
	}
	return strings.Join(ps, ",")
}

// prop47Value is the $950 condition of a value-based Prop 47 offense.
func prop47Value(o law.Offense) string {
	if o.Prop47Value {
		return "; only at a value of $950 or less"
	}
	return ""
}

// offenseView is an offense table entry as JSON, with yes/no/facts words
// instead of the table's internal numbers.
type offenseView struct {
	Offense               string `json:"offense"`
	Label                 string `json:"label"`
	Level                 string `json:"level"`
	Serious               string `json:"serious"`
	Violent               string `json:"violent"`
	Registrable290        string `json:"registrable_290"`
	Realigned1170h        string `json:"realigned_1170h"`
	VC12810               bool   `json:"vc12810"`
	Excl1203_4b           string `json:"excl_1203_4b,omitempty"`
	Excl4852_01c          bool   `json:"excl_4852_01c"`
	ReducibleToInfraction bool   `json:"reducible_to_infraction"`
	LifeTerm              bool   `json:"life_term"`
	NoSOL                 string `json:"no_sol"`
	SOLYears              int    `json:"sol_years,omitempty"`
	AbuseCategory         string `json:"abuse_category,omitempty"`
	Prop47                string `json:"prop47"`
	Prop47Value           bool   `json:"prop47_value,omitempty"`
	Prop64                bool   `json:"prop64"`
	Unconfirmed           bool   `json:"unconfirmed"`
	Source                string `json:"source,omitempty"`
	Notes                 string `json:"notes,omitempty"`
}

func viewOf(o law.Offense) offenseView {
	return offenseView{
		Offense: offenseName(o), Label: o.Label, Level: string(o.Level),
		Serious: triText(o.Serious), Violent: triText(o.Violent), Registrable290: triText(o.Registrable290),
		Realigned1170h: triText(o.Realigned1170h), VC12810: o.VC12810, Excl1203_4b: o.Excl1203_4b,
		Excl4852_01c: o.Excl4852_01c, ReducibleToInfraction: o.ReducibleToInfraction, LifeTerm: o.LifeTerm || o.CORPlus4,
		NoSOL: triText(o.NoSOL), SOLYears: o.SOLYears, AbuseCategory: o.AbuseCategory,
		Prop47: triText(o.Prop47), Prop47Value: o.Prop47Value, Prop64: o.Prop64, Unconfirmed: o.Unconfirmed,
		Source: o.Source, Notes: o.Notes,
	}
}
