package cli

import (
	"fmt"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/reliefkit/relief/internal/assemble"
	"github.com/reliefkit/relief/internal/casefile"
	"github.com/reliefkit/relief/internal/draft"
	"github.com/reliefkit/relief/internal/eligibility"
	"github.com/reliefkit/relief/internal/safefile"
)

// DraftOptions are relief draft's inputs.
type DraftOptions struct {
	Env
	draft.Flags // shared with relief batch
	Path        string
	OutDir      string
	Packets     []string
	JSON        bool
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
	addDraftFlags(fl, &opts.Flags, draftFlagHelp{
		AsOf:  "date to draft for (YYYY-MM-DD); also the PDFs' creation date",
		Force: "replace files that already exist",
		Split: "write each packet as a folder of one PDF per filed document, in filing order, with the cover sheet apart as instructions.pdf",
	})
	fl.StringVarP(&opts.OutDir, "out", "o", ".", "folder to write the packets into (created with mode 0700)")
	fl.StringSliceVar(&opts.Packets, "packet", nil, "only these packets: "+strings.Join(assemble.Kinds, ", ")+" (repeat or comma-separate)")
	fl.BoolVar(&opts.JSON, "json", false, "print the manifest as JSON instead of a summary")
	return cmd
}

// draftFlagHelp is the help of the shared flags whose meaning differs a
// little between draft and batch.
type draftFlagHelp struct{ AsOf, Force, Split string }

// addDraftFlags defines the flags relief draft and relief batch share
// (draft.Flags); --config is the root's.
func addDraftFlags(fl *pflag.FlagSet, f *draft.Flags, help draftFlagHelp) {
	fl.StringVar(&f.AsOf, "as-of", "", help.AsOf)
	fl.StringVar(&f.Templates, "templates", "", "folder of templates layered over the config file's folder and the built-ins")
	fl.StringVar(&f.Sign, "sign", "typed", `signature style: "typed" (/s/ Name and date) or "wet" (blank lines)`)
	fl.StringVar(&f.Layout, "layout", draft.LayoutForm, `paper for the petitions and orders: "form" (Judicial-Council-style) or "pleading" (pleading paper, no form number)`)
	fl.BoolVar(&f.Force, "force", false, help.Force)
	fl.BoolVar(&f.Final, "final", false, "leave the DRAFT mark off (after attorney review)")
	fl.BoolVar(&f.Split, "split", false, help.Split)
}

// checkDraftFlags checks the shared flags' values.
func checkDraftFlags(f draft.Flags) error {
	if err := checkSign(f.Sign); err != nil {
		return err
	}
	return checkLayout(f.Layout)
}

func draftRun(opts *DraftOptions) error {
	start := time.Now() // temporary files older than this are a killed run's
	go draft.Warm()     // fonts, frames, Markdown: loaded while the case is read
	if err := checkDraftFlags(opts.Flags); err != nil {
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
	// The papers are drafted from a doubtful value too, so say so here.
	printWarnings(opts.Err, f)
	cfg.Merge(f) // the config file's attorney defaults, under the case file's [attorney]
	rep := eligibility.Check(f, eligibility.Options{AsOf: asOf})
	dopt := opts.Flags.Options(cfg, set, creator())
	dopt.Assemble.Packets = opts.Packets
	dopt.Workers = runtime.GOMAXPROCS(0)
	outs, skips, err := draft.Run(f, &rep, dopt)
	if err != nil {
		return draftError(opts, err)
	}
	reportSkipsAndWarnings(opts, f, outs, skips)
	if len(outs) == 0 {
		fmt.Fprintf(opts.Err, "relief: %s: nothing to draft; nothing written\n", opts.Path)
		return nil
	}
	return writeDrafts(opts, start, draft.ManifestInput{Path: opts.Path, File: f, AsOf: asOf,
		Sign: opts.Sign, Layout: opts.Layout, Final: opts.Final, Set: set, Outs: outs, Skips: skips,
		Config: draft.ConfigHash(cfg.Path), Version: version()})
}

// writeDrafts writes the drafted packets and their manifest into the
// output folder, all or nothing, and tells the user what it wrote. start
// is when the run began: relief's temporary files older than that are a
// killed run's and are removed first.
func writeDrafts(opts *DraftOptions, start time.Time, in draft.ManifestInput) error {
	m, files, mb, err := draft.BuildManifest(in)
	if err != nil {
		return err
	}
	if err := safefile.Dir(opts.OutDir); err != nil {
		return err
	}
	if _, err := safefile.CleanTemps(opts.OutDir, start); err != nil {
		return err
	}
	if err := safefile.WriteTree(opts.OutDir, files, opts.Force); err != nil {
		return err
	}
	if opts.JSON {
		_, err := opts.Streams.Out.Write(append(mb, '\n'))
		return err
	}
	printWritten(opts, m)
	return nil
}

// reportSkipsAndWarnings tells the user, on stderr, which packets were
// not drafted and why, which exhibits no packet carries, and each
// packet's own warning.
func reportSkipsAndWarnings(opts *DraftOptions, f *casefile.File, outs []draft.Output, skips []assemble.Skip) {
	for _, s := range skips {
		fmt.Fprintf(opts.Err, "relief: %s: skipped %s\n", opts.Path, s)
	}
	warnUnattached(opts.Err, opts.Path, f, outs)
	for _, o := range outs {
		if o.Packet.Warning != "" {
			fmt.Fprintf(opts.Err, "relief: %s: warning: %s: %s\n", opts.Path, o.Packet.FileName, o.Packet.Warning)
		}
	}
}

// printWritten lists the files written, from the manifest: one line per
// packet PDF, or per file of a split packet, then the manifest.
func printWritten(opts *DraftOptions, m draft.Manifest) {
	out := opts.Streams.Out
	for _, mp := range m.Packets {
		if mp.Files == nil {
			fmt.Fprintf(out, "wrote %s (%d pages)\n", filepath.Join(opts.OutDir, mp.File), mp.Pages)
			continue
		}
		for _, mf := range mp.Files {
			fmt.Fprintf(out, "wrote %s (%d pages)\n", filepath.Join(opts.OutDir, mf.File), mf.Pages)
		}
	}
	fmt.Fprintf(out, "wrote %s\n", filepath.Join(opts.OutDir, "manifest.json"))
	if !opts.Final {
		fmt.Fprintln(out, "Every page is marked DRAFT for attorney review.")
	}
}

// draftError reports template, layout and missing-fact problems as invalid
// input (exit 3).
func draftError(opts *DraftOptions, err error) error {
	if draft.IsInputError(err) {
		fmt.Fprintf(opts.Err, "relief: %s: %v\n", opts.Path, err)
		return invalidInputError{err}
	}
	return err
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

// creator is the PDFs' creator: relief and its version.
func creator() string { return "relief " + version() }
