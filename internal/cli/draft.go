package cli

import (
	"errors"
	"fmt"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/reliefkit/relief/internal/assemble"
	"github.com/reliefkit/relief/internal/casefile"
	"github.com/reliefkit/relief/internal/config"
	"github.com/reliefkit/relief/internal/courts"
	"github.com/reliefkit/relief/internal/draft"
	"github.com/reliefkit/relief/internal/eligibility"
	"github.com/reliefkit/relief/internal/layout"
	"github.com/reliefkit/relief/internal/safefile"
	"github.com/reliefkit/relief/internal/tmpl"
)

// DraftOptions are relief draft's inputs.
type DraftOptions struct {
	Env
	Path      string
	AsOf      string
	OutDir    string
	Packets   []string
	Templates string
	Sign      string
	Layout    string // "form" or "pleading"
	Force     bool
	Final     bool
	Split     bool
	JSON      bool
	Config    string // the config file (--config, else the default; "" for none)
	ConfigSet bool   // --config was given, so the file must exist
}

// NewCmdDraft builds `relief draft`.
func NewCmdDraft(env Env, runF func(*DraftOptions) error) *cobra.Command {
	opts := &DraftOptions{Env: env}
	cmd := &cobra.Command{
		Use:   "draft CASE.toml",
		Short: "Draft court-ready PDF packets for the remedies the findings support",
		Long: `draft checks the case file, then writes one PDF per packet the findings support:
dismissal-<case id>.pdf for each case with a dismissal route open (petition and
proposed order in the format of CR-180 and CR-181, a declaration when relief is
discretionary, Attachment 1 when counts overflow the form, proof of service on
the district attorney, and a cover sheet); sealing, cor and pardon packets;
prop47-, prop64- and firecamp-<case id>.pdf petitions on pleading paper for Pen.
Code § 1170.18, Health & Saf. Code § 11361.8 and Pen. Code § 1203.4b; plus
manifest.json (input and template hashes, as-of date, tool version, page
counts). --layout pleading puts the petitions and orders on pleading paper
instead of the form format.

Every packet starts with a cover sheet that is not filed, also with --final.
With --split each packet becomes a folder (dismissal-<case id>/) of one PDF per
filed document in filing order (01-petition.pdf, 02-declaration.pdf, ...,
proof of service last) with the cover sheet apart as instructions.pdf, ready for
e-filing; manifest.json lists every file with its SHA-256.

A packet whose facts are missing is skipped with a warning naming them; asked for
with --packet, it is an error (exit 3). Files are written atomically with mode 0600
and never replace existing files unless --force. Every page says DRAFT until --final.`,
		Example: `  relief draft examples/probation-completed/case.toml -o out/
  relief draft client.toml -o out/ --packet dismissal --sign wet
  relief draft client.toml -o out/ --layout pleading
  relief draft client.toml -o out/ --templates my-templates/ --force`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Path = args[0]
			opts.Config, opts.ConfigSet = configFlag(cmd)
			if runF != nil {
				return runF(opts)
			}
			return draftRun(opts)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&opts.AsOf, "as-of", "", "date to draft for (YYYY-MM-DD); also the PDFs' creation date")
	fl.StringVarP(&opts.OutDir, "out", "o", ".", "folder to write the packets into (created with mode 0700)")
	fl.StringSliceVar(&opts.Packets, "packet", nil, "only these packets: "+strings.Join(assemble.Kinds, ", ")+" (repeat or comma-separate)")
	fl.StringVar(&opts.Templates, "templates", "", "folder of templates layered over the config file's folder and the built-ins")
	fl.StringVar(&opts.Sign, "sign", "typed", `signature style: "typed" (/s/ Name and date) or "wet" (blank lines)`)
	fl.StringVar(&opts.Layout, "layout", draft.LayoutForm, `paper for the petitions and orders: "form" (Judicial-Council-style) or "pleading" (pleading paper, no form number)`)
	fl.BoolVar(&opts.Force, "force", false, "replace files that already exist")
	fl.BoolVar(&opts.Final, "final", false, "leave the DRAFT mark off (after attorney review)")
	fl.BoolVar(&opts.Split, "split", false, "write each packet as a folder of one PDF per filed document, in filing order, with the cover sheet apart as instructions.pdf")
	fl.BoolVar(&opts.JSON, "json", false, "print the manifest as JSON instead of a summary")
	return cmd
}

func draftRun(opts *DraftOptions) error {
	start := time.Now() // temporary files older than this are a killed run's
	if err := checkSign(opts.Sign); err != nil {
		return err
	}
	if err := checkLayout(opts.Layout); err != nil {
		return err
	}
	for _, k := range opts.Packets {
		if err := oneOf("packet", k, assemble.Kinds); err != nil {
			return err
		}
	}
	cfg, err := loadConfig(opts.Env, opts.Config, opts.ConfigSet)
	if err != nil {
		return err
	}
	// Templates: --templates, then the config file's folder, then the built-ins.
	layers, err := openTemplates(opts.Templates, cfg)
	if err != nil {
		return err
	}
	defer layers.Close()
	set := layers.Set
	f, asOf, err := loadCase(opts.Env, opts.Path, opts.AsOf)
	if err != nil {
		return reportInputError(opts.Err, err)
	}
	cfg.Merge(f) // the config file's attorney defaults, under the case file's [attorney]
	rep := eligibility.Check(f, eligibility.Options{AsOf: asOf})
	dopt := draftOptions(opts.Sign, opts.Final, cfg, set)
	dopt.Layout = opts.Layout
	dopt.Assemble.Packets = opts.Packets
	dopt.Workers = runtime.GOMAXPROCS(0)
	dopt.Split = opts.Split
	outs, skips, err := draft.Run(f, &rep, dopt)
	if err != nil {
		return draftError(opts, err)
	}
	for _, s := range skips {
		fmt.Fprintf(opts.Err, "relief: %s: skipped %s\n", opts.Path, s)
	}
	warnUnattached(opts.Err, opts.Path, f, outs)
	for _, o := range outs {
		if o.Packet.Warning != "" {
			fmt.Fprintf(opts.Err, "relief: %s: warning: %s: %s\n", opts.Path, o.Packet.FileName, o.Packet.Warning)
		}
	}
	if len(outs) == 0 {
		fmt.Fprintf(opts.Err, "relief: %s: nothing to draft; nothing written\n", opts.Path)
		return nil
	}
	m, files, mb, err := buildManifest(manifestInput{Path: opts.Path, File: f, AsOf: asOf,
		Sign: opts.Sign, Layout: opts.Layout, Final: opts.Final, Set: set, Outs: outs, Skips: skips, Config: configHash(cfg.Path)})
	if err != nil {
		return err
	}
	if err := safefile.Dir(opts.OutDir); err != nil {
		return err
	}
	// Temporary files a killed run left in the folder: relief's own, older
	// than this run.
	if _, err := safefile.CleanTemps(opts.OutDir, start); err != nil {
		return err
	}
	if err := writeTree(opts.OutDir, files, opts.Force); err != nil {
		return err
	}
	if opts.JSON {
		_, err := opts.Streams.Out.Write(append(mb, '\n'))
		return err
	}
	for _, mp := range m.Packets {
		if mp.Files == nil {
			fmt.Fprintf(opts.Streams.Out, "wrote %s (%d pages)\n", filepath.Join(opts.OutDir, mp.File), mp.Pages)
			continue
		}
		for _, mf := range mp.Files {
			fmt.Fprintf(opts.Streams.Out, "wrote %s (%d pages)\n", filepath.Join(opts.OutDir, mf.File), mf.Pages)
		}
	}
	fmt.Fprintf(opts.Streams.Out, "wrote %s\n", filepath.Join(opts.OutDir, "manifest.json"))
	if !opts.Final {
		fmt.Fprintln(opts.Streams.Out, "Every page is marked DRAFT for attorney review.")
	}
	return nil
}

// draftError reports template, layout and missing-fact problems as invalid
// input (exit 3).
func draftError(opts *DraftOptions, err error) error {
	if isInputError(err) {
		fmt.Fprintf(opts.Err, "relief: %s: %v\n", opts.Path, err)
		return invalidInputError{err}
	}
	return err
}

// isInputError reports whether a drafting error comes from the input (a
// template, the Markdown it produced, or facts a packet asked for with
// --packet needs) rather than from relief: exit 3, not 1.
func isInputError(err error) bool {
	var te *tmpl.Error
	var le *layout.Error
	var me *assemble.MissingError
	var ce *casefile.Errors // an exhibit file the case file names (exhibit.Load)
	return errors.As(err, &te) || errors.As(err, &le) || errors.As(err, &me) || errors.As(err, &ce)
}

// checkSign checks --sign for draft and batch.
func checkSign(sign string) error {
	return oneOf("sign", sign, signStyles)
}

// checkLayout checks --layout for draft and batch; empty means form.
func checkLayout(l string) error {
	if l == "" {
		return nil
	}
	return oneOf("layout", l, layouts)
}

// draftOptions is how draft and batch call the pipeline, one place so that
// a person's files are the same whichever command wrote them.
func draftOptions(sign string, final bool, cfg config.Config, set *tmpl.Set) draft.Options {
	return draft.Options{
		Assemble:  assemble.Options{Sign: sign, Final: final, Letterhead: cfg.Letterhead.Lines, Courts: courts.Default().With(cfg.Counties)},
		Templates: set,
		Creator:   "relief " + version(),
	}
}
